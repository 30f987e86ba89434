-- Annual default rate per calendar year of the window: defaults in the year over firms live on
-- its first day. Parameters: window_from, window_to.
WITH years AS (
  SELECT make_date(y::INTEGER, 1, 1) AS year_start, make_date(y::INTEGER, 12, 31) AS year_end
  FROM range(year(?::DATE), year(?::DATE) + 1) t(y)
)
SELECT
  year(y.year_start) AS year,
  (SELECT count(*) FROM firms f
    WHERE f.founded_on < y.year_start
      AND NOT EXISTS (SELECT 1 FROM defaults d WHERE d.firm_id = f.firm_id AND d.default_on < y.year_start)
      AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.firm_id = f.firm_id AND c.closed_on < y.year_start)) AS live_at_start,
  (SELECT count(*) FROM defaults d WHERE d.default_on BETWEEN y.year_start AND y.year_end) AS defaults,
  (SELECT count(*) FROM closures c WHERE c.closed_on BETWEEN y.year_start AND y.year_end) AS closures
FROM years y
ORDER BY year
