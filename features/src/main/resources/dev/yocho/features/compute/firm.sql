-- One firm's row with its first default and first closure (of any date; the point-in-time rule is
-- applied by SingleFirmFeatures). Parameter $1: firm_id.
SELECT founded_on, industry, employees, capital_jpy, guarantee_balance_jpy, guarantee_coverage,
       has_proper_loan, has_zero_zero_loan, has_successor,
       (SELECT min(default_on) FROM defaults WHERE firm_id = $1) AS first_default,
       (SELECT min(closed_on) FROM closures WHERE firm_id = $1) AS first_closure
FROM firms
WHERE firm_id = $1
