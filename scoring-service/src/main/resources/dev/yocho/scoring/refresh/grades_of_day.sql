-- Every grade of one refreshed day, by firm id.
SELECT firm_id, as_of - DATE '1970-01-01' AS as_of_day, model_version, tier, pd, grade
FROM grades
WHERE as_of = CAST(? AS DATE)
ORDER BY firm_id
