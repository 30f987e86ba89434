-- Firms per published grade on one refreshed date, and per raw grade. Parameter: as_of.
SELECT grade, coalesce(raw_grade, grade), count(*)
FROM grades
WHERE as_of = CAST(? AS DATE)
GROUP BY 1, 2
