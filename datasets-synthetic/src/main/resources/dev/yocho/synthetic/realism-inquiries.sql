-- For each defaulted firm whose default is at least 90 days into the window: inquiries in the
-- 90 days before default and in the same 90 days a year earlier. Parameter: window_from.
SELECT
  median(recent)   AS median_recent,
  median(year_ago) AS median_year_ago,
  count(*)         AS defaulted_firms
FROM (
  SELECT
    d.firm_id,
    coalesce(sum(CASE WHEN i.day > d.default_on - 90 AND i.day <= d.default_on THEN i.count END), 0) AS recent,
    coalesce(sum(CASE WHEN i.day > d.default_on - 455 AND i.day <= d.default_on - 365 THEN i.count END), 0) AS year_ago
  FROM defaults d LEFT JOIN inquiries i
    ON i.firm_id = d.firm_id AND i.day > d.default_on - 455 AND i.day <= d.default_on
  WHERE d.default_on >= ?::DATE + 90
  GROUP BY d.firm_id
)
