-- Firm-years of the refreshes in (from, to]: each refresh's graded firms times the days since the
-- refresh before it, over 365 (a firm's first refresh counts like any other; the very first
-- refresh has no refresh before it and counts nothing). Also the number of those refreshes.
-- Parameters: to, from, to.
WITH days AS (
  SELECT as_of, count(*) AS firms FROM grades WHERE as_of <= CAST(? AS DATE) GROUP BY as_of
), gaps AS (
  SELECT as_of, firms, as_of - lag(as_of) OVER (ORDER BY as_of) AS gap FROM days
)
SELECT coalesce(sum(firms * gap), 0) / 365.0, count(*)
FROM gaps
WHERE gap IS NOT NULL AND as_of > CAST(? AS DATE) AND as_of <= CAST(? AS DATE)
