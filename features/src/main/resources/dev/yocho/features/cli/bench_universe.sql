-- A load-shaped universe for `yocho bench features` when no --db is given: :firms firms with the
-- row counts per firm of a plausible portfolio, written in firm_id order (as a generator writing
-- firm by firm would; DuckDB's zone maps then make one firm's rows cheap to find). Not the synthetic
-- generator (datasets-synthetic owns that): no realism, only volume and shape. Expects the
-- observable tables to exist. Random draws are seeded but DuckDB's parallel random() makes the
-- exact rows vary between runs; the benchmark only needs the volume.
SELECT setseed(0.42);
INSERT INTO firms
SELECT i, 'firm ' || i,
       ['construction', 'manufacturing', 'wholesale', 'retail', 'food_service', 'accommodation',
        'transport', 'information', 'real_estate', 'professional_services', 'medical_welfare',
        'other_services'][1 + CAST(i % 12 AS INTEGER)],
       'tokyo',
       DATE '1975-01-01' + CAST(floor(random() * 18000) AS INTEGER),
       CASE WHEN random() < 0.15 THEN 0 ELSE 1 + CAST(floor(random() * 30) AS INTEGER) END,
       CAST(1000000 * (1 + floor(random() * 50)) AS BIGINT),
       CAST(500000 * floor(random() * 200) AS BIGINT),
       CASE WHEN random() < 0.56 THEN 1.0 ELSE 0.8 END,
       random() < 0.4, random() < 0.3, random() < 0.5
FROM range(1, :firms + 1) t(i);
INSERT INTO statements
SELECT firm_id, period_end, period_end + 45 + CAST(floor(random() * 90) AS INTEGER),
       sales, cost, sga, sales - cost - sga, 1e5, 2e5 + random() * 1e6, 1e5 + random() * 5e5,
       sales - cost - sga - 1e5, 1e6 + random() * 1e7, (sales - cost - sga) * 0.7,
       random() * 1e8, random() * 1e8, random() * 5e7, 2e8, 1e8, 3e8, random() * 6e7,
       random() * 1e8, random() * 2e8, 3e8 - net_assets, net_assets
FROM (
  SELECT f.firm_id, last_day(make_date(2019 + k, 1 + CAST(f.firm_id % 12 AS INTEGER), 1)) AS period_end,
         1e6 + random() * 5e8 AS sales, random() * 3e8 AS cost, random() * 1e8 AS sga,
         random() * 2e8 - 4e7 AS net_assets
  FROM firms f CROSS JOIN range(0, 6) r(k)
  WHERE f.firm_id % 100 >= 15
)
WHERE period_end <= DATE '2025-12-31'
ORDER BY firm_id, period_end;
INSERT INTO monthly_trial_balances
SELECT f.firm_id, last_day(make_date(2024 + CAST(m // 12 AS INTEGER), 1 + CAST(m % 12 AS INTEGER), 1)),
       last_day(make_date(2024 + CAST(m // 12 AS INTEGER), 1 + CAST(m % 12 AS INTEGER), 1)) + 20,
       random() * 5e7, random() * 3e7, random() * 5e6, random() * 1e7, random() * 5e7
FROM firms f CROSS JOIN range(0, 24) r(m)
WHERE f.firm_id % 5 = 0
ORDER BY f.firm_id, m;
INSERT INTO inquiries
SELECT f.firm_id, DATE '2021-01-01' + CAST(floor(random() * 1826) AS INTEGER),
       ['bank', 'trade_creditor', 'leasing', 'collection'][1 + CAST(floor(random() * 4) AS INTEGER)],
       1 + CAST(floor(random() * 3) AS INTEGER)
FROM firms f CROSS JOIN range(0, 8) r(k)
ORDER BY f.firm_id;
INSERT INTO events
SELECT firm_id, occurred_on, occurred_on + CAST(floor(random() * 30) AS INTEGER), event_type,
       CASE WHEN event_type IN ('capital_increase', 'new_major_contract', 'new_proper_loan')
            THEN 1 ELSE -1 END
FROM (
  SELECT f.firm_id, DATE '2021-01-01' + CAST(floor(random() * 1826) AS INTEGER) AS occurred_on,
         ['payment_delay', 'bounced_bill', 'tax_arrears', 'social_insurance_arrears', 'lawsuit',
          'repayment_rescheduling', 'executive_resignation', 'major_customer_loss',
          'late_statement', 'capital_increase', 'new_major_contract',
          'new_proper_loan'][1 + CAST(floor(random() * 12) AS INTEGER)] AS event_type
  FROM firms f CROSS JOIN range(0, 3) r(k)
)
ORDER BY firm_id;
INSERT INTO guarantee_applications
SELECT f.firm_id, DATE '2021-01-01' + CAST(floor(random() * 1826) AS INTEGER), 'working_capital',
       CAST(1000000 * (1 + floor(random() * 30)) AS BIGINT)
FROM firms f CROSS JOIN range(0, 2) r(k)
WHERE random() < 0.75
ORDER BY f.firm_id;
INSERT INTO defaults
SELECT firm_id, DATE '2021-01-01' + CAST(floor(random() * 1826) AS INTEGER), 'subrogation'
FROM firms WHERE random() < 0.04;
INSERT INTO closures
SELECT firm_id, DATE '2021-01-01' + CAST(floor(random() * 1826) AS INTEGER)
FROM firms WHERE random() < 0.02;
INSERT INTO dataset_info VALUES ('window_from', '2021-01-01'), ('window_to', '2025-12-31'),
  ('source', 'bench');
