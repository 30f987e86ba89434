-- One firm's profile (firm_id).
SELECT firm_id, name, industry, prefecture, founded_on, employees, capital_jpy,
       guarantee_balance_jpy, guarantee_coverage, has_proper_loan, has_zero_zero_loan, has_successor
FROM firms
WHERE firm_id = ?
