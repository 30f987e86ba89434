-- Day-over-day migration of the published grade: firms by (grade at the previous refresh, grade
-- at as_of), firms graded on both. Parameters: previous refresh, as_of.
SELECT p.grade, g.grade, count(*)
FROM grades g
JOIN grades p ON p.firm_id = g.firm_id AND p.as_of = CAST(? AS DATE)
WHERE g.as_of = CAST(? AS DATE)
GROUP BY 1, 2
