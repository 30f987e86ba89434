-- The same counts for the raw grade (the PD's own grade, which is the grade of rows written
-- before the grade policy): what the grades would have done without the policy. A move is a raw
-- grade that differs from the firm's previous refresh's. Only the refreshes from the last one at or
-- before the window's start are read (a move needs the refresh before it, nothing older).
-- Parameters: from, to, from.
WITH r AS (
  SELECT firm_id, as_of, CAST(substr(coalesce(raw_grade, grade), 2) AS INTEGER) AS g,
         lag(CAST(substr(coalesce(raw_grade, grade), 2) AS INTEGER))
           OVER (PARTITION BY firm_id ORDER BY as_of) AS prev
  FROM grades
  WHERE as_of >= coalesce((SELECT max(as_of) FROM grades WHERE as_of <= CAST(? AS DATE)),
                          DATE '0001-01-01')
    AND as_of <= CAST(? AS DATE)
), moves AS (
  SELECT firm_id, as_of, g - prev AS notches FROM r WHERE prev IS NOT NULL AND g <> prev
), m AS (
  SELECT * FROM moves WHERE as_of > CAST(? AS DATE)
)
SELECT count(*),
       count(*) FILTER (WHERE abs(notches) >= 2),
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM moves u
         WHERE u.firm_id = m.firm_id AND u.as_of > m.as_of AND u.as_of <= m.as_of + 30
           AND sign(u.notches) = -sign(m.notches)))
FROM m
