-- Every firm id, ascending.
SELECT firm_id FROM firms ORDER BY firm_id
