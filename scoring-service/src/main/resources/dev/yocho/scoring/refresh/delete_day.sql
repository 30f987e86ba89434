-- Removes one as_of date from the refresh tables; each statement takes the date as its parameter.
DELETE FROM grades WHERE as_of = CAST(? AS DATE);
DELETE FROM transitions WHERE as_of = CAST(? AS DATE);
DELETE FROM explanations WHERE as_of = CAST(? AS DATE);
