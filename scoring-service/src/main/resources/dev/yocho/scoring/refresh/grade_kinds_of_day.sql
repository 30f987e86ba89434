-- The distinct (model version, tier, grade) of one refreshed day, in the order whose positions
-- grades_of_day.sql returns.
SELECT DISTINCT model_version, tier, grade
FROM grades
WHERE as_of = CAST(? AS DATE)
ORDER BY model_version, tier, grade
