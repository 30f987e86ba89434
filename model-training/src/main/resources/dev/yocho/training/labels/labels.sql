-- Labels for month-end snapshots (DESIGN section 4). The calendar of as-of dates is the temporary
-- table yocho_label_calendar(as_of DATE). Population at as_of: firms founded on or before it that
-- have neither defaulted nor closed on or before it (the same population the features compute).
-- defaulted: a default in (as_of, as_of + 365 days]. censored: a closure in that year (a firm
-- exits once, so a closure there means it did not default first); censored rows are left out of
-- labelled data. complete: the year after as_of lies inside the data window.
SELECT
  f.firm_id,
  c.as_of,
  coalesce(d.default_on > c.as_of AND d.default_on <= c.as_of + 365, false)  AS defaulted,
  coalesce(x.closed_on > c.as_of AND x.closed_on <= c.as_of + 365, false)    AS censored
FROM yocho_label_calendar c
JOIN firms f ON f.founded_on <= c.as_of
LEFT JOIN defaults d ON d.firm_id = f.firm_id
LEFT JOIN closures x ON x.firm_id = f.firm_id
WHERE (d.default_on IS NULL OR d.default_on > c.as_of)
  AND (x.closed_on IS NULL OR x.closed_on > c.as_of)
ORDER BY c.as_of, f.firm_id
