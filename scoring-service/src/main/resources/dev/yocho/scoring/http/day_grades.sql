-- One refreshed date's grades, each with the previous date of the firm's stored transition that
-- day (NULL when its grade did not move), ordered by firm (as_of).
SELECT g.firm_id, g.model_version, g.tier, g.pd, g.grade,
       t.previous_as_of - DATE '1970-01-01' AS previous_day
FROM grades g
LEFT JOIN transitions t ON t.as_of = g.as_of AND t.firm_id = g.firm_id
WHERE g.as_of = CAST(? AS DATE)
ORDER BY g.firm_id
