-- Every firm's row: firm_id, founded_on, industry, employees, capital_jpy, guarantee_balance_jpy,
-- guarantee_coverage, has_proper_loan, has_zero_zero_loan, has_successor. No parameters;
-- SingleFirmFeatures appends a WHERE on firm_id for one firm.
SELECT firm_id, founded_on, industry, employees, capital_jpy, guarantee_balance_jpy,
       guarantee_coverage, has_proper_loan, has_zero_zero_loan, has_successor
FROM firms
