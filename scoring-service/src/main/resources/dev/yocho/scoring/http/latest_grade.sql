-- One firm's latest grade (firm_id).
SELECT as_of, model_version, tier, pd, grade
FROM grades
WHERE firm_id = ?
ORDER BY as_of DESC
LIMIT 1
