-- Firms per grade on one refreshed date (as_of).
SELECT grade, count(*) FROM grades WHERE as_of = CAST(? AS DATE) GROUP BY grade
