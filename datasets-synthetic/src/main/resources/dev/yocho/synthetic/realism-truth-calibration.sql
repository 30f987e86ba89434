-- Mean truth_pd against the realised one-year default rate over month-ends whose next 365 days
-- lie in the window (firm-months censored by a closure within them are left out).
-- Evaluation only: reads the truth table. Parameter: window_to.
SELECT
  avg(t.one_year_pd) AS mean_truth_pd,
  avg(CASE WHEN d.default_on > t.as_of AND d.default_on <= t.as_of + 365 THEN 1.0 ELSE 0.0 END) AS realised_rate,
  count(*) AS firm_months
FROM truth_pd t
LEFT JOIN defaults d USING (firm_id)
LEFT JOIN closures c USING (firm_id)
WHERE t.as_of + 365 <= ?::DATE
  AND NOT (c.closed_on IS NOT NULL AND c.closed_on > t.as_of AND c.closed_on <= t.as_of + 365)
