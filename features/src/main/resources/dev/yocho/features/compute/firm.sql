-- One firm's row with its first default and first closure (of any date; the point-in-time rule is
-- applied by SingleFirmFeatures). Parameter: firm_id.
SELECT f.founded_on, f.industry, f.employees, f.capital_jpy, f.guarantee_balance_jpy,
       f.guarantee_coverage, f.has_proper_loan, f.has_zero_zero_loan, f.has_successor,
       (SELECT min(default_on) FROM defaults d WHERE d.firm_id = f.firm_id) AS first_default,
       (SELECT min(closed_on) FROM closures x WHERE x.firm_id = f.firm_id) AS first_closure
FROM firms f
WHERE f.firm_id = ?
