-- Every fact of every firm (any date), for a single-firm path that holds them in memory: the
-- columns of firm_facts.sql after a leading firm_id, in the same order within each firm (kind, then
-- table order). No parameters.
SELECT firm_id, kind, d1 - DATE '1970-01-01' AS d1, d2 - DATE '1970-01-01' AS d2,
       label, n, sales, cost_of_sales, operating_income,
       non_operating_expense, interest_expense, ordinary_income, depreciation, cash, receivables,
       inventory, total_assets, payables, short_term_debt, long_term_debt, net_assets
FROM (
SELECT firm_id, 1 AS kind, rowid AS r, period_end AS d1, available_at AS d2,
       NULL::VARCHAR AS label, NULL::INTEGER AS n, sales, cost_of_sales, operating_income,
       non_operating_expense, interest_expense, ordinary_income, depreciation, cash, receivables,
       inventory, total_assets, payables, short_term_debt, long_term_debt, net_assets
FROM statements
UNION ALL
SELECT firm_id, 2, rowid, month, available_at, NULL, NULL, sales, NULL, operating_income, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM monthly_trial_balances
UNION ALL
SELECT firm_id, 3, rowid, day, NULL, inquirer_industry, count, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM inquiries
UNION ALL
SELECT firm_id, 4, rowid, reported_on, occurred_on, event_type, polarity, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM events
UNION ALL
SELECT firm_id, 5, rowid, applied_on, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM guarantee_applications
)
ORDER BY firm_id, kind, r
