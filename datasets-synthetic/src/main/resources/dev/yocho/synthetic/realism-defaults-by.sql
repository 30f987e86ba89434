-- Defaults and firms by industry and by size class, for shares of defaults and default rates.
SELECT
  f.industry,
  CASE WHEN f.employees <= 2 THEN '0-2' WHEN f.employees < 10 THEN '3-9'
       WHEN f.employees < 50 THEN '10-49' ELSE '50+' END AS size_class,
  count(*)                  AS firms,
  count(d.firm_id)          AS defaults
FROM firms f LEFT JOIN defaults d USING (firm_id)
GROUP BY ALL
ORDER BY ALL
