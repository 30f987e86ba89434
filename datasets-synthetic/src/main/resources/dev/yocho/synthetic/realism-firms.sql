-- Firm mix and guarantee coverage of the firms live at the as-of date (3 parameters).
WITH live AS (
  SELECT f.*
  FROM firms f
  WHERE f.founded_on <= ?
    AND NOT EXISTS (SELECT 1 FROM defaults d WHERE d.firm_id = f.firm_id AND d.default_on <= ?)
    AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.firm_id = f.firm_id AND c.closed_on <= ?)
)
SELECT
  (SELECT count(*) FROM firms)                                                        AS firms,
  (SELECT avg(CASE WHEN employees <= 2 THEN 1.0 ELSE 0.0 END) FROM firms)             AS share_le2_employees,
  sum(CASE WHEN guarantee_coverage = 1.0 THEN guarantee_balance_jpy ELSE 0 END)
    / sum(guarantee_balance_jpy)                                                      AS full_guarantee_share,
  count(*)                                                                            AS live_firms
FROM live
