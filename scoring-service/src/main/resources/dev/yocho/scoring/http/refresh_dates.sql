-- Every refreshed date, oldest first.
SELECT DISTINCT as_of FROM grades ORDER BY as_of
