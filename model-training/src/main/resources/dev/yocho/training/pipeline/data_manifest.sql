-- A fingerprint of the observable data a model was trained on: row counts and date ranges of each
-- table, and the data set's own description. Stored (hashed) in the bundle's provenance.
SELECT 'firms' AS t, count(*) AS n, min(founded_on)::VARCHAR AS lo, max(founded_on)::VARCHAR AS hi FROM firms
UNION ALL SELECT 'statements', count(*), min(available_at)::VARCHAR, max(available_at)::VARCHAR FROM statements
UNION ALL SELECT 'monthly_trial_balances', count(*), min(available_at)::VARCHAR, max(available_at)::VARCHAR FROM monthly_trial_balances
UNION ALL SELECT 'inquiries', count(*), min(day)::VARCHAR, max(day)::VARCHAR FROM inquiries
UNION ALL SELECT 'events', count(*), min(reported_on)::VARCHAR, max(reported_on)::VARCHAR FROM events
UNION ALL SELECT 'guarantee_applications', count(*), min(applied_on)::VARCHAR, max(applied_on)::VARCHAR FROM guarantee_applications
UNION ALL SELECT 'defaults', count(*), min(default_on)::VARCHAR, max(default_on)::VARCHAR FROM defaults
UNION ALL SELECT 'closures', count(*), min(closed_on)::VARCHAR, max(closed_on)::VARCHAR FROM closures
-- (dataset_info.owner says who may replace the file, not what it holds)
UNION ALL SELECT 'dataset_info:' || key, 0, value, value FROM dataset_info WHERE key <> 'owner'
ORDER BY 1
