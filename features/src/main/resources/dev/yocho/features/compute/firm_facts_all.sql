-- Every fact (any date) of every firm, one row each: firm_id, kind (1 statement version,
-- 2 trial-balance version, 3 inquiry row, 4 event, 5 guarantee application), two dates, a label,
-- an integer, then the statement numbers (sales … net_assets). A trial balance puts its sales and
-- operating income in the first and third; an event its report date first and its occurrence date
-- second. Dates come as days since 1970-01-01 (cheaper to read than DATE values). r is the row's
-- position in its table. No parameters, no order: SingleFirmFeatures appends the order (kind, then
-- r, within a firm, so that sums over the rows round identically on both of its paths) and, for
-- one firm, a WHERE on firm_id, which DuckDB pushes into every table's scan.
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
