-- The latest statement visible at the as-of date (period_end and available_at on or before it; the latest
-- available_at wins for restatements) of every firm live at that date, with its ratios for the
-- realism targets. Parameters: as-of date (5 times).
WITH live AS (
  SELECT f.firm_id
  FROM firms f
  WHERE f.founded_on <= ?
    AND NOT EXISTS (SELECT 1 FROM defaults d WHERE d.firm_id = f.firm_id AND d.default_on <= ?)
    AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.firm_id = f.firm_id AND c.closed_on <= ?)
), latest AS (
  SELECT s.*
  FROM statements s JOIN live USING (firm_id)
  WHERE s.period_end <= ? AND s.available_at <= ?
  QUALIFY row_number() OVER (PARTITION BY s.firm_id ORDER BY s.period_end DESC, s.available_at DESC) = 1
)
SELECT
  count(*)                                                            AS firms_with_statement,
  avg(CASE WHEN net_assets < 0 THEN 1.0 ELSE 0.0 END)                 AS insolvent_share,
  avg(CASE WHEN ordinary_income > 0
            AND ordinary_income - 0.0025 * (short_term_debt + long_term_debt) <= 0 THEN 1.0 ELSE 0.0 END) AS loss_share_25bp,
  avg(CASE WHEN ordinary_income > 0
            AND ordinary_income - 0.0050 * (short_term_debt + long_term_debt) <= 0 THEN 1.0 ELSE 0.0 END) AS loss_share_50bp,
  avg(CASE WHEN ordinary_income > 0
            AND ordinary_income - 0.0100 * (short_term_debt + long_term_debt) <= 0 THEN 1.0 ELSE 0.0 END) AS loss_share_100bp,
  avg(CASE WHEN ordinary_income > 0
            AND ordinary_income - 0.0200 * (short_term_debt + long_term_debt) <= 0 THEN 1.0 ELSE 0.0 END) AS loss_share_200bp,
  sum(interest_expense) / nullif(sum(short_term_debt + long_term_debt), 0) AS borrowing_rate
FROM latest
