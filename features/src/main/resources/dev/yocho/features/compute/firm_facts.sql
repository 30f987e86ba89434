-- Every fact of one firm (any date) in one round trip — each query costs about a millisecond of
-- DuckDB overhead, so the single-firm path reads its five fact tables at once. kind: 1 statement
-- version, 2 trial-balance version, 3 inquiry row, 4 event, 5 guarantee application. Columns:
-- kind, two dates, a label, an integer, then the statement numbers (sales … net_assets)
-- (a trial balance puts its sales and operating income in the first and third; an event its
-- report date first and its occurrence date second). Rows come in a fixed order (kind, then table
-- order), the same as firm_facts_all.sql, so that sums over them round identically. Dates
-- come as days since 1970-01-01 (cheaper to read than DATE values).
-- Parameters: firm_id, five times.
SELECT kind, d1 - DATE '1970-01-01' AS d1, d2 - DATE '1970-01-01' AS d2, label, n, sales,
       cost_of_sales, operating_income, non_operating_expense, interest_expense, ordinary_income,
       depreciation, cash, receivables, inventory, total_assets, payables, short_term_debt,
       long_term_debt, net_assets
FROM (
SELECT 1 AS kind, rowid AS r, period_end AS d1, available_at AS d2, NULL::VARCHAR AS label,
       NULL::INTEGER AS n, sales, cost_of_sales, operating_income, non_operating_expense,
       interest_expense, ordinary_income, depreciation, cash, receivables, inventory, total_assets,
       payables, short_term_debt, long_term_debt, net_assets
FROM statements WHERE firm_id = ?
UNION ALL
SELECT 2, rowid, month, available_at, NULL, NULL, sales, NULL, operating_income, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM monthly_trial_balances WHERE firm_id = ?
UNION ALL
SELECT 3, rowid, day, NULL, inquirer_industry, count, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM inquiries WHERE firm_id = ?
UNION ALL
SELECT 4, rowid, reported_on, occurred_on, event_type, polarity, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM events WHERE firm_id = ?
UNION ALL
SELECT 5, rowid, applied_on, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL
FROM guarantee_applications WHERE firm_id = ?
)
ORDER BY kind, r
