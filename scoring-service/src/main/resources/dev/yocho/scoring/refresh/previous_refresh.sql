-- The latest refreshed day strictly before the as-of date (NULL if none).
SELECT max(as_of) - DATE '1970-01-01' FROM grades WHERE as_of < CAST(? AS DATE)
