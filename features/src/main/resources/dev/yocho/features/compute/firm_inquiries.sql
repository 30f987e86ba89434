-- Every inquiry row about one firm (any date). Parameter: firm_id.
SELECT day, inquirer_industry, count FROM inquiries WHERE firm_id = ?
