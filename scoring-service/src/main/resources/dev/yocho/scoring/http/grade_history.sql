-- One firm's grades between two dates, inclusive, oldest first (firm_id, from, to).
SELECT as_of, model_version, tier, pd, grade
FROM grades
WHERE firm_id = ? AND as_of BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
ORDER BY as_of
