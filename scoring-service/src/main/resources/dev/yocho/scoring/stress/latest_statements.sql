-- Each firm's latest statement known on the as-of date (?): the latest period whose latest
-- visible version was available by then, with its interest-bearing debt and ordinary income.
SELECT firm_id,
       arg_max(short_term_debt + long_term_debt, (period_end, available_at)) AS debt,
       arg_max(ordinary_income, (period_end, available_at)) AS ordinary_income
FROM statements
WHERE period_end <= ? AND available_at <= ?
GROUP BY firm_id
