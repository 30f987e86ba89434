-- One firm's closures (any date). Parameter: firm_id.
SELECT closed_on FROM closures WHERE firm_id = ?
