-- Each firm's latest grade strictly before the as-of date (its previous refresh), by firm id.
SELECT firm_id, as_of - DATE '1970-01-01' AS as_of_day, model_version, tier, pd, grade
FROM grades
WHERE as_of < CAST(? AS DATE)
QUALIFY row_number() OVER (PARTITION BY firm_id ORDER BY as_of DESC) = 1
ORDER BY firm_id
