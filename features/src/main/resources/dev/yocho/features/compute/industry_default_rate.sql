-- Trailing one-year default rate per industry for every date of the calendar yocho_cal(as_of):
-- among firms of the industry live at as_of - 365 (founded, neither defaulted nor closed by then),
-- the share whose first default falls in (as_of - 365, as_of]. Only defaults with
-- default_on <= as_of are counted, so later defaults cannot leak in. Industries with no live firm
-- at as_of - 365 have no row (the feature is then missing).
SELECT c.as_of,
       f.industry,
       CAST(count(*) FILTER (WHERE d.default_on > c.as_of - 365 AND d.default_on <= c.as_of) AS DOUBLE)
         / CAST(count(*) AS DOUBLE) AS rate
FROM yocho_cal c
JOIN firms f ON f.founded_on <= c.as_of - 365
LEFT JOIN (SELECT firm_id, min(default_on) AS default_on FROM defaults GROUP BY firm_id) d
  ON d.firm_id = f.firm_id
LEFT JOIN (SELECT firm_id, min(closed_on) AS closed_on FROM closures GROUP BY firm_id) x
  ON x.firm_id = f.firm_id
WHERE (d.default_on IS NULL OR d.default_on > c.as_of - 365)
  AND (x.closed_on IS NULL OR x.closed_on > c.as_of - 365)
GROUP BY c.as_of, f.industry
