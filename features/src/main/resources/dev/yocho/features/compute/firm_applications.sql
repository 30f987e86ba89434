-- Every guarantee application of one firm (any date). Parameter: firm_id.
SELECT applied_on FROM guarantee_applications WHERE firm_id = ?
