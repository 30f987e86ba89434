-- Evaluation only (oracle AUC and PD error of the backtest report): the generator's true one-year
-- PD of every firm at one as-of date, by firm id. Never read for training or scoring.
SELECT firm_id, one_year_pd
FROM truth_pd
WHERE as_of = ?
ORDER BY firm_id
