-- The firms with a new fact known in (from, to], with whether the facts can raise the risk and
-- whether they can lower it (GradePolicy): a statement or a trial balance (by available_at) can
-- do either; an adverse event (by reported_on), an inquiry or a guarantee application (on its
-- day) can only raise it; a positive event can only lower it. Parameters: from, to, five times.
SELECT firm_id, bool_or(raises), bool_or(lowers) FROM (
  SELECT firm_id, true AS raises, true AS lowers FROM statements
  WHERE available_at > CAST(? AS DATE) AND available_at <= CAST(? AS DATE)
  UNION ALL
  SELECT firm_id, true, true FROM monthly_trial_balances
  WHERE available_at > CAST(? AS DATE) AND available_at <= CAST(? AS DATE)
  UNION ALL
  SELECT firm_id, polarity < 0, polarity > 0 FROM events
  WHERE reported_on > CAST(? AS DATE) AND reported_on <= CAST(? AS DATE)
  UNION ALL
  SELECT firm_id, true, false FROM inquiries WHERE day > CAST(? AS DATE) AND day <= CAST(? AS DATE)
  UNION ALL
  SELECT firm_id, true, false FROM guarantee_applications
  WHERE applied_on > CAST(? AS DATE) AND applied_on <= CAST(? AS DATE)
)
GROUP BY firm_id
ORDER BY firm_id
