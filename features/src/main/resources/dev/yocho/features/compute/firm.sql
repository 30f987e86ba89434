-- One firm's row. Parameter: firm_id.
SELECT founded_on, industry, employees, capital_jpy, guarantee_balance_jpy, guarantee_coverage,
       has_proper_loan, has_zero_zero_loan, has_successor
FROM firms
WHERE firm_id = ?
