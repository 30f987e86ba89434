-- Raw point-in-time features of every live firm at every date of the calendar yocho_cal(as_of).
-- The caller provides three relations: yocho_firms (the firms to compute: all of firms, or some),
-- yocho_cal(as_of DATE) and
-- yocho_industry_default_rate(as_of, industry, rate) (industry_default_rate.sql over the same
-- calendar). Column names equal catalogue names; winsorisation and column order are applied by
-- BatchFeatures from the catalogue, so bounds and order live in one place.
-- Missing is NULL here. The point-in-time rule is in the package documentation of
-- dev.yocho.features.compute; every join below filters on it.
WITH
-- the calendar's span: inquiries and applications outside (first - 365, last] can match no date
calendar_span AS (SELECT min(as_of) - 365 AS after, max(as_of) AS up_to FROM yocho_cal),
first_default AS (SELECT firm_id, min(default_on) AS default_on FROM defaults GROUP BY firm_id),
first_closure AS (SELECT firm_id, min(closed_on) AS closed_on FROM closures GROUP BY firm_id),
live AS (
  SELECT f.*, c.as_of
  FROM yocho_firms f
  JOIN yocho_cal c ON f.founded_on <= c.as_of
  LEFT JOIN first_default d ON d.firm_id = f.firm_id
  LEFT JOIN first_closure x ON x.firm_id = f.firm_id
  WHERE (d.default_on IS NULL OR d.default_on > c.as_of)
    AND (x.closed_on IS NULL OR x.closed_on > c.as_of)
),
-- the latest visible version of each visible period, as a row id: carrying whole rows through
-- these aggregations cost most of the query's time
statement_versions AS (
  SELECT s.firm_id, l.as_of, s.period_end, arg_max(s.rowid, s.available_at) AS row_id
  FROM statements s
  JOIN live l ON l.firm_id = s.firm_id AND s.period_end <= l.as_of AND s.available_at <= l.as_of
  GROUP BY s.firm_id, l.as_of, s.period_end
),
-- the two latest visible periods: S (rank 1) and P (rank 2)
top_periods AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY firm_id, as_of ORDER BY period_end DESC) AS period_rank
    FROM statement_versions
  ) WHERE period_rank <= 2
),
ranked_periods AS (
  SELECT st.*, t.as_of, t.period_rank
  FROM top_periods t
  JOIN statements st ON st.rowid = t.row_id
),
latest AS (SELECT * FROM ranked_periods WHERE period_rank = 1),
prior AS (SELECT * FROM ranked_periods WHERE period_rank = 2),
-- trial balances, visible ones with months as year*12+month; read twice (not materialised): for
-- the latest visible month, then for the versions of the six months the features use. Taking the
-- latest version of only those months, not of every month of every firm, halves this part's time
trial_rows AS NOT MATERIALIZED (
  SELECT t.firm_id, l.as_of, year(t.month) * 12 + month(t.month) AS month_index, t.available_at,
         t.rowid AS row_id
  FROM monthly_trial_balances t
  JOIN live l ON l.firm_id = t.firm_id AND t.available_at <= l.as_of
),
trial_latest AS (
  SELECT firm_id, as_of, max(month_index) AS month_index FROM trial_rows GROUP BY firm_id, as_of
),
-- the latest visible version (as a row id) of the months T-2..T and Y-2..Y (Y = T - 12)
trial_versions AS (
  SELECT r.firm_id, r.as_of, r.month_index, arg_max(r.row_id, r.available_at) AS row_id
  FROM trial_rows r
  JOIN trial_latest a
    ON a.firm_id = r.firm_id AND a.as_of = r.as_of
   AND (r.month_index > a.month_index - 3
        OR r.month_index BETWEEN a.month_index - 14 AND a.month_index - 12)
  GROUP BY r.firm_id, r.as_of, r.month_index
),
-- the latest month T and the same month a year before, Y: each month's values side by side
trial_months AS (
  SELECT a.firm_id, a.as_of,
         max(t.sales) FILTER (WHERE v.month_index = a.month_index) AS sales_0,
         max(t.sales) FILTER (WHERE v.month_index = a.month_index - 1) AS sales_1,
         max(t.sales) FILTER (WHERE v.month_index = a.month_index - 2) AS sales_2,
         max(t.sales) FILTER (WHERE v.month_index = a.month_index - 12) AS sales_12,
         max(t.sales) FILTER (WHERE v.month_index = a.month_index - 13) AS sales_13,
         max(t.sales) FILTER (WHERE v.month_index = a.month_index - 14) AS sales_14,
         max(t.operating_income) FILTER (WHERE v.month_index = a.month_index) AS income_0,
         max(t.operating_income) FILTER (WHERE v.month_index = a.month_index - 1) AS income_1,
         max(t.operating_income) FILTER (WHERE v.month_index = a.month_index - 2) AS income_2,
         max(t.operating_income) FILTER (WHERE v.month_index = a.month_index - 12) AS income_12,
         max(t.operating_income) FILTER (WHERE v.month_index = a.month_index - 13) AS income_13,
         max(t.operating_income) FILTER (WHERE v.month_index = a.month_index - 14) AS income_14
  FROM trial_latest a
  JOIN trial_versions v ON v.firm_id = a.firm_id AND v.as_of = a.as_of
  JOIN monthly_trial_balances t ON t.rowid = v.row_id
  GROUP BY a.firm_id, a.as_of
),
-- 3-month sums added oldest month first, a missing month as 0: a fixed order, so the sums are
-- the same bits on every run (sum() adds in the order its threads meet the rows)
trial AS (
  SELECT firm_id, as_of,
         sales_0 AS sales_now,
         sales_12 AS sales_year_ago,
         CASE WHEN coalesce(income_2, income_1, income_0) IS NOT NULL
              THEN coalesce(income_2, 0.0) + coalesce(income_1, 0.0) + coalesce(income_0, 0.0) END AS income_3m,
         CASE WHEN coalesce(sales_2, sales_1, sales_0) IS NOT NULL
              THEN coalesce(sales_2, 0.0) + coalesce(sales_1, 0.0) + coalesce(sales_0, 0.0) END AS sales_3m,
         CASE WHEN coalesce(income_14, income_13, income_12) IS NOT NULL
              THEN coalesce(income_14, 0.0) + coalesce(income_13, 0.0) + coalesce(income_12, 0.0) END AS income_3m_year_ago,
         CASE WHEN coalesce(sales_14, sales_13, sales_12) IS NOT NULL
              THEN coalesce(sales_14, 0.0) + coalesce(sales_13, 0.0) + coalesce(sales_12, 0.0) END AS sales_3m_year_ago
  FROM trial_months
),
-- inquiries in (as_of - 365, as_of]: summed per firm, date and inquirer industry first, then the
-- industries side by side (twelve filtered sums over every row cost a third more)
inquiry_sums AS (
  SELECT firm_id, as_of, inquirer_industry,
         coalesce(sum(count) FILTER (WHERE age < 30), 0) AS n_30,
         coalesce(sum(count) FILTER (WHERE age < 90), 0) AS n_90,
         sum(count) AS n_365
  FROM (
    SELECT q.firm_id, l.as_of, q.inquirer_industry, q.count, l.as_of - q.day AS age
    FROM (SELECT i.* FROM inquiries i, calendar_span w WHERE i.day > w.after AND i.day <= w.up_to) q
    JOIN live l ON l.firm_id = q.firm_id AND q.day <= l.as_of AND q.day > l.as_of - 365
  )
  GROUP BY firm_id, as_of, inquirer_industry
),
inquiry_counts AS (
  SELECT firm_id, as_of,
    coalesce(max(n_30) FILTER (WHERE inquirer_industry = 'bank'), 0) AS bank_30,
    coalesce(max(n_90) FILTER (WHERE inquirer_industry = 'bank'), 0) AS bank_90,
    coalesce(max(n_365) FILTER (WHERE inquirer_industry = 'bank'), 0) AS bank_365,
    coalesce(max(n_30) FILTER (WHERE inquirer_industry = 'trade_creditor'), 0) AS trade_creditor_30,
    coalesce(max(n_90) FILTER (WHERE inquirer_industry = 'trade_creditor'), 0) AS trade_creditor_90,
    coalesce(max(n_365) FILTER (WHERE inquirer_industry = 'trade_creditor'), 0) AS trade_creditor_365,
    coalesce(max(n_30) FILTER (WHERE inquirer_industry = 'leasing'), 0) AS leasing_30,
    coalesce(max(n_90) FILTER (WHERE inquirer_industry = 'leasing'), 0) AS leasing_90,
    coalesce(max(n_365) FILTER (WHERE inquirer_industry = 'leasing'), 0) AS leasing_365,
    coalesce(max(n_30) FILTER (WHERE inquirer_industry = 'collection'), 0) AS collection_30,
    coalesce(max(n_90) FILTER (WHERE inquirer_industry = 'collection'), 0) AS collection_90,
    coalesce(max(n_365) FILTER (WHERE inquirer_industry = 'collection'), 0) AS collection_365
  FROM inquiry_sums
  GROUP BY firm_id, as_of
),
event_counts AS (
  SELECT e.firm_id, e.as_of,
    count(*) FILTER (WHERE e.event_type = 'payment_delay' AND e.age < 365) AS n_payment_delay,
    count(*) FILTER (WHERE e.event_type = 'bounced_bill' AND e.age < 365) AS n_bounced_bill,
    count(*) FILTER (WHERE e.event_type = 'tax_arrears' AND e.age < 365) AS n_tax_arrears,
    count(*) FILTER (WHERE e.event_type = 'social_insurance_arrears' AND e.age < 365) AS n_social_insurance_arrears,
    count(*) FILTER (WHERE e.event_type = 'lawsuit' AND e.age < 365) AS n_lawsuit,
    count(*) FILTER (WHERE e.event_type = 'repayment_rescheduling' AND e.age < 365) AS n_repayment_rescheduling,
    count(*) FILTER (WHERE e.event_type = 'executive_resignation' AND e.age < 365) AS n_executive_resignation,
    count(*) FILTER (WHERE e.event_type = 'major_customer_loss' AND e.age < 365) AS n_major_customer_loss,
    count(*) FILTER (WHERE e.event_type = 'late_statement' AND e.age < 365) AS n_late_statement,
    count(*) FILTER (WHERE e.event_type = 'capital_increase' AND e.age < 365) AS n_capital_increase,
    count(*) FILTER (WHERE e.event_type = 'new_major_contract' AND e.age < 365) AS n_new_major_contract,
    count(*) FILTER (WHERE e.event_type = 'new_proper_loan' AND e.age < 365) AS n_new_proper_loan,
    max(e.reported_on) FILTER (WHERE e.event_type = 'payment_delay' AND e.age < 365) AS last_payment_delay,
    max(e.reported_on) FILTER (WHERE e.event_type = 'bounced_bill' AND e.age < 365) AS last_bounced_bill,
    max(e.reported_on) FILTER (WHERE e.event_type = 'tax_arrears' AND e.age < 365) AS last_tax_arrears,
    max(e.reported_on) FILTER (WHERE e.event_type = 'social_insurance_arrears' AND e.age < 365) AS last_social_insurance_arrears,
    max(e.reported_on) FILTER (WHERE e.event_type = 'lawsuit' AND e.age < 365) AS last_lawsuit,
    max(e.reported_on) FILTER (WHERE e.event_type = 'repayment_rescheduling' AND e.age < 365) AS last_repayment_rescheduling,
    max(e.reported_on) FILTER (WHERE e.event_type = 'executive_resignation' AND e.age < 365) AS last_executive_resignation,
    max(e.reported_on) FILTER (WHERE e.event_type = 'major_customer_loss' AND e.age < 365) AS last_major_customer_loss,
    max(e.reported_on) FILTER (WHERE e.event_type = 'late_statement' AND e.age < 365) AS last_late_statement,
    max(e.reported_on) FILTER (WHERE e.event_type = 'capital_increase' AND e.age < 365) AS last_capital_increase,
    max(e.reported_on) FILTER (WHERE e.event_type = 'new_major_contract' AND e.age < 365) AS last_new_major_contract,
    max(e.reported_on) FILTER (WHERE e.event_type = 'new_proper_loan' AND e.age < 365) AS last_new_proper_loan,
    count(*) FILTER (WHERE e.polarity < 0 AND e.age < 30) AS adverse_30,
    count(*) FILTER (WHERE e.polarity < 0 AND e.age < 90) AS adverse_90,
    count(*) FILTER (WHERE e.polarity < 0 AND e.age < 365) AS adverse_365,
    count(*) FILTER (WHERE e.polarity > 0 AND e.age < 365) AS positive_365,
    -- each term to 15 decimals and summed as DECIMAL: an exact sum, so the same bits on every run
    -- (a double sum() adds in the order its threads meet the rows)
    CAST(sum(CAST(pow(0.5, e.age / 90.0) AS DECIMAL(18, 15)))
         FILTER (WHERE e.polarity < 0) AS DOUBLE) AS adverse_score
  FROM (
    -- age in days, computed once rather than in each filter below
    SELECT e.firm_id, l.as_of, e.event_type, e.polarity, e.reported_on, l.as_of - e.reported_on AS age
    FROM events e
    JOIN live l ON l.firm_id = e.firm_id AND e.reported_on <= l.as_of
  ) e
  GROUP BY e.firm_id, e.as_of
),
applications AS (
  SELECT firm_id, as_of, count(*) AS n, min(gap) AS min_gap
  FROM (
    SELECT g.firm_id, l.as_of,
           g.applied_on - lag(g.applied_on) OVER (PARTITION BY g.firm_id, l.as_of ORDER BY g.applied_on) AS gap
    FROM (SELECT a.* FROM guarantee_applications a, calendar_span w
          WHERE a.applied_on > w.after AND a.applied_on <= w.up_to) g
    JOIN live l ON l.firm_id = g.firm_id AND g.applied_on <= l.as_of AND g.applied_on > l.as_of - 365
  )
  GROUP BY firm_id, as_of
)
SELECT
  l.firm_id,
  l.as_of,
  s.firm_id IS NOT NULL AS has_statement,
  CASE WHEN s.total_assets > 0 THEN s.ordinary_income / s.total_assets END AS ordinary_profit_to_total_capital,
  CASE WHEN s.sales > 0 THEN s.interest_expense / s.sales END AS interest_burden_to_sales,
  CASE WHEN s.sales > 0 THEN s.non_operating_expense / s.sales END AS non_operating_expense_to_sales,
  CASE WHEN s.sales > 0 THEN s.cash / (s.sales / 365.0) END AS cash_days_on_hand,
  CASE WHEN s.cost_of_sales > 0 THEN s.payables / (s.cost_of_sales / 12.0) END AS payables_turnover_months,
  CASE WHEN s.cost_of_sales > 0 THEN s.inventory / (s.cost_of_sales / 12.0) END AS inventory_turnover_months,
  CASE WHEN p.sales > 0 AND s.period_end - p.period_end BETWEEN 300 AND 430
       THEN s.sales / p.sales - 1.0 END AS sales_growth,
  CASE WHEN s.sales > 0 THEN s.operating_income / s.sales END AS operating_margin,
  CASE WHEN s.firm_id IS NOT NULL AND l.employees > 0
       THEN s.operating_income / CAST(l.employees AS DOUBLE) END AS labour_productivity,
  CASE WHEN s.operating_income + s.depreciation > 0
       THEN (s.short_term_debt + s.long_term_debt - s.cash) / (s.operating_income + s.depreciation)
       WHEN s.short_term_debt + s.long_term_debt - s.cash > 0
       THEN CAST('Infinity' AS DOUBLE) END AS ebitda_net_debt_multiple,
  CASE WHEN s.sales > 0
       THEN (s.receivables + s.inventory - s.payables) / (s.sales / 12.0) END AS working_capital_turnover_months,
  CASE WHEN s.total_assets > 0 THEN s.net_assets / s.total_assets END AS equity_ratio,
  CASE WHEN s.sales > 0
       THEN (s.short_term_debt + s.long_term_debt) / (s.sales / 12.0) END AS debt_to_monthly_sales,
  CASE WHEN s.firm_id IS NULL THEN NULL WHEN s.net_assets < 0 THEN 1.0 ELSE 0.0 END AS insolvent,
  CAST(l.as_of - s.available_at AS DOUBLE) AS statement_age_days,
  CAST(l.as_of - s.period_end AS DOUBLE) AS statement_period_age_days,
  CASE WHEN s.sales > 0 AND p.sales > 0 AND s.period_end - p.period_end BETWEEN 300 AND 430
       THEN (s.operating_income / s.sales + p.operating_income / p.sales) / 2.0 END AS operating_margin_two_periods,
  CASE WHEN s.total_assets > 0 AND p.total_assets > 0 AND s.period_end - p.period_end BETWEEN 300 AND 430
       THEN s.net_assets / s.total_assets - p.net_assets / p.total_assets END AS equity_ratio_change,
  CASE WHEN t.firm_id IS NULL THEN 0.0 ELSE 1.0 END AS has_trial_balance,
  CASE WHEN t.sales_year_ago > 0 THEN t.sales_now / t.sales_year_ago - 1.0 END AS monthly_sales_change_yoy,
  CASE WHEN t.sales_3m > 0 THEN t.income_3m / t.sales_3m END AS monthly_operating_margin_3m,
  CASE WHEN t.sales_3m > 0 AND t.sales_3m_year_ago > 0
       THEN t.income_3m / t.sales_3m - t.income_3m_year_ago / t.sales_3m_year_ago END AS monthly_operating_margin_change_yoy,
  CAST(coalesce(q.bank_30, 0) AS DOUBLE) AS inquiries_bank_30d,
  CAST(coalesce(q.bank_90, 0) AS DOUBLE) AS inquiries_bank_90d,
  CAST(coalesce(q.bank_365, 0) AS DOUBLE) AS inquiries_bank_365d,
  (coalesce(q.bank_30, 0) + 1.0) / ((coalesce(q.bank_365, 0) - coalesce(q.bank_90, 0)) * 30.0 / 275.0 + 1.0) AS inquiries_bank_ratio_30d,
  (coalesce(q.bank_90, 0) + 1.0) / ((coalesce(q.bank_365, 0) - coalesce(q.bank_90, 0)) * 90.0 / 275.0 + 1.0) AS inquiries_bank_ratio_90d,
  CAST(coalesce(q.trade_creditor_30, 0) AS DOUBLE) AS inquiries_trade_creditor_30d,
  CAST(coalesce(q.trade_creditor_90, 0) AS DOUBLE) AS inquiries_trade_creditor_90d,
  CAST(coalesce(q.trade_creditor_365, 0) AS DOUBLE) AS inquiries_trade_creditor_365d,
  (coalesce(q.trade_creditor_30, 0) + 1.0) / ((coalesce(q.trade_creditor_365, 0) - coalesce(q.trade_creditor_90, 0)) * 30.0 / 275.0 + 1.0) AS inquiries_trade_creditor_ratio_30d,
  (coalesce(q.trade_creditor_90, 0) + 1.0) / ((coalesce(q.trade_creditor_365, 0) - coalesce(q.trade_creditor_90, 0)) * 90.0 / 275.0 + 1.0) AS inquiries_trade_creditor_ratio_90d,
  CAST(coalesce(q.leasing_30, 0) AS DOUBLE) AS inquiries_leasing_30d,
  CAST(coalesce(q.leasing_90, 0) AS DOUBLE) AS inquiries_leasing_90d,
  CAST(coalesce(q.leasing_365, 0) AS DOUBLE) AS inquiries_leasing_365d,
  (coalesce(q.leasing_30, 0) + 1.0) / ((coalesce(q.leasing_365, 0) - coalesce(q.leasing_90, 0)) * 30.0 / 275.0 + 1.0) AS inquiries_leasing_ratio_30d,
  (coalesce(q.leasing_90, 0) + 1.0) / ((coalesce(q.leasing_365, 0) - coalesce(q.leasing_90, 0)) * 90.0 / 275.0 + 1.0) AS inquiries_leasing_ratio_90d,
  CAST(coalesce(q.collection_30, 0) AS DOUBLE) AS inquiries_collection_30d,
  CAST(coalesce(q.collection_90, 0) AS DOUBLE) AS inquiries_collection_90d,
  CAST(coalesce(q.collection_365, 0) AS DOUBLE) AS inquiries_collection_365d,
  (coalesce(q.collection_30, 0) + 1.0) / ((coalesce(q.collection_365, 0) - coalesce(q.collection_90, 0)) * 30.0 / 275.0 + 1.0) AS inquiries_collection_ratio_30d,
  (coalesce(q.collection_90, 0) + 1.0) / ((coalesce(q.collection_365, 0) - coalesce(q.collection_90, 0)) * 90.0 / 275.0 + 1.0) AS inquiries_collection_ratio_90d,
  CAST(coalesce(e.n_payment_delay, 0) AS DOUBLE) AS events_payment_delay_365d,
  CAST(coalesce(e.n_bounced_bill, 0) AS DOUBLE) AS events_bounced_bill_365d,
  CAST(coalesce(e.n_tax_arrears, 0) AS DOUBLE) AS events_tax_arrears_365d,
  CAST(coalesce(e.n_social_insurance_arrears, 0) AS DOUBLE) AS events_social_insurance_arrears_365d,
  CAST(coalesce(e.n_lawsuit, 0) AS DOUBLE) AS events_lawsuit_365d,
  CAST(coalesce(e.n_repayment_rescheduling, 0) AS DOUBLE) AS events_repayment_rescheduling_365d,
  CAST(coalesce(e.n_executive_resignation, 0) AS DOUBLE) AS events_executive_resignation_365d,
  CAST(coalesce(e.n_major_customer_loss, 0) AS DOUBLE) AS events_major_customer_loss_365d,
  CAST(coalesce(e.n_late_statement, 0) AS DOUBLE) AS events_late_statement_365d,
  CAST(coalesce(e.n_capital_increase, 0) AS DOUBLE) AS events_capital_increase_365d,
  CAST(coalesce(e.n_new_major_contract, 0) AS DOUBLE) AS events_new_major_contract_365d,
  CAST(coalesce(e.n_new_proper_loan, 0) AS DOUBLE) AS events_new_proper_loan_365d,
  CAST(l.as_of - e.last_payment_delay AS DOUBLE) AS days_since_payment_delay,
  CAST(l.as_of - e.last_bounced_bill AS DOUBLE) AS days_since_bounced_bill,
  CAST(l.as_of - e.last_tax_arrears AS DOUBLE) AS days_since_tax_arrears,
  CAST(l.as_of - e.last_social_insurance_arrears AS DOUBLE) AS days_since_social_insurance_arrears,
  CAST(l.as_of - e.last_lawsuit AS DOUBLE) AS days_since_lawsuit,
  CAST(l.as_of - e.last_repayment_rescheduling AS DOUBLE) AS days_since_repayment_rescheduling,
  CAST(l.as_of - e.last_executive_resignation AS DOUBLE) AS days_since_executive_resignation,
  CAST(l.as_of - e.last_major_customer_loss AS DOUBLE) AS days_since_major_customer_loss,
  CAST(l.as_of - e.last_late_statement AS DOUBLE) AS days_since_late_statement,
  CAST(l.as_of - e.last_capital_increase AS DOUBLE) AS days_since_capital_increase,
  CAST(l.as_of - e.last_new_major_contract AS DOUBLE) AS days_since_new_major_contract,
  CAST(l.as_of - e.last_new_proper_loan AS DOUBLE) AS days_since_new_proper_loan,
  CAST(coalesce(e.adverse_30, 0) AS DOUBLE) AS adverse_events_30d,
  CAST(coalesce(e.adverse_90, 0) AS DOUBLE) AS adverse_events_90d,
  CAST(coalesce(e.adverse_365, 0) AS DOUBLE) AS adverse_events_365d,
  CAST(coalesce(e.positive_365, 0) AS DOUBLE) AS positive_events_365d,
  coalesce(e.adverse_score, 0.0) AS adverse_event_score,
  CAST(coalesce(g.n, 0) AS DOUBLE) AS guarantee_applications_365d,
  CAST(g.min_gap AS DOUBLE) AS guarantee_application_min_interval_days,
  r.rate AS industry_default_rate_1y,
  (l.as_of - l.founded_on) / 365.25 AS firm_age_years,
  CAST(l.employees AS DOUBLE) AS employees,
  CAST(l.capital_jpy AS DOUBLE) AS capital_jpy,
  CAST(l.guarantee_balance_jpy AS DOUBLE) AS guarantee_balance_jpy,
  l.guarantee_coverage AS guarantee_coverage,
  CASE WHEN l.has_proper_loan THEN 1.0 ELSE 0.0 END AS has_proper_loan,
  CASE WHEN l.has_zero_zero_loan THEN 1.0 ELSE 0.0 END AS has_zero_zero_loan,
  CASE WHEN l.has_successor THEN 1.0 ELSE 0.0 END AS has_successor
FROM live l
LEFT JOIN latest s ON s.firm_id = l.firm_id AND s.as_of = l.as_of
LEFT JOIN prior p ON p.firm_id = l.firm_id AND p.as_of = l.as_of
LEFT JOIN trial t ON t.firm_id = l.firm_id AND t.as_of = l.as_of
LEFT JOIN inquiry_counts q ON q.firm_id = l.firm_id AND q.as_of = l.as_of
LEFT JOIN event_counts e ON e.firm_id = l.firm_id AND e.as_of = l.as_of
LEFT JOIN applications g ON g.firm_id = l.firm_id AND g.as_of = l.as_of
LEFT JOIN yocho_industry_default_rate r ON r.industry = l.industry AND r.as_of = l.as_of
