-- The firms whose grade moved on one refreshed date (its stored transitions), each with the
-- previous date the move is from.
SELECT firm_id, previous_as_of - DATE '1970-01-01' AS previous_day
FROM transitions
WHERE as_of = CAST(? AS DATE)
