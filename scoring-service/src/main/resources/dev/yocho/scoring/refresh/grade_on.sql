-- One firm's grade on one date (firm_id, as_of).
SELECT model_version, tier, pd, grade
FROM grades
WHERE firm_id = ? AND as_of = CAST(? AS DATE)
