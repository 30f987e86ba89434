-- Evaluation only: the true PD of the labelled out-of-time rows, from the generator's truth table.
-- The rows are in the temporary table yocho_oracle_rows(row_id, firm_id, as_of).
SELECT r.row_id, t.one_year_pd
FROM yocho_oracle_rows r
JOIN truth_pd t ON t.firm_id = r.firm_id AND t.as_of = r.as_of
ORDER BY r.row_id
