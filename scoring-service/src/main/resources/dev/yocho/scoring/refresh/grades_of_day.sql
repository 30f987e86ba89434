-- Every grade of one refreshed day, by firm id, its strings as the index of its kind in
-- grade_kinds_of_day.sql's list (a million strings read through JDBC cost seconds), with the
-- policy state (grade_since, outside_since) as epoch days, NULL in rows written before the policy.
WITH kinds AS (
  SELECT model_version, tier, grade,
         row_number() OVER (ORDER BY model_version, tier, grade) - 1 AS kind
  FROM (SELECT DISTINCT model_version, tier, grade FROM grades WHERE as_of = CAST(? AS DATE))
)
SELECT g.firm_id, g.pd, k.kind, g.grade_since - DATE '1970-01-01',
       g.outside_since - DATE '1970-01-01'
FROM grades g
JOIN kinds k ON k.model_version = g.model_version AND k.tier = g.tier AND k.grade = g.grade
WHERE g.as_of = CAST(? AS DATE)
ORDER BY g.firm_id
