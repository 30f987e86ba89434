-- Every statement version of one firm (any date). Parameter: firm_id.
SELECT period_end, available_at, sales, cost_of_sales, operating_income, non_operating_expense,
       interest_expense, ordinary_income, depreciation, cash, receivables, inventory,
       total_assets, payables, short_term_debt, long_term_debt, net_assets
FROM statements
WHERE firm_id = ?
