-- Statements as if interest rates were higher by {rise} (a share, e.g. 0.01 for one point): the
-- interest on every period's interest-bearing debt rises by debt x rise, whole yen, and ordinary
-- and net income fall by as much (no tax effect). A temporary table of the same name shadows the
-- stored one for this connection only; the feature SQL reads it unchanged.
CREATE OR REPLACE TEMP TABLE statements AS
SELECT * REPLACE (
  interest_expense + CAST(round((short_term_debt + long_term_debt) * {rise}) AS BIGINT) AS interest_expense,
  non_operating_expense + CAST(round((short_term_debt + long_term_debt) * {rise}) AS BIGINT) AS non_operating_expense,
  ordinary_income - CAST(round((short_term_debt + long_term_debt) * {rise}) AS BIGINT) AS ordinary_income,
  net_income - CAST(round((short_term_debt + long_term_debt) * {rise}) AS BIGINT) AS net_income)
FROM {catalog}.main.statements
