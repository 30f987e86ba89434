-- One firm's facts behind a move from a to b (MoveFacts), one result of (kind, code, date1,
-- date2, count): events reported in (a - 365, b] ('event', type, occurred, reported), statements
-- and trial balances that arrived in (a, b] ('statement', '', period_end, available_at;
-- 'trial_balance', '', month, available_at) and inquiry days in (a - 365, b] ('inquiry',
-- inquirer, day, day, count). Parameters: firm, a, b.
WITH p AS (SELECT CAST(? AS BIGINT) AS firm, CAST(? AS DATE) AS a, CAST(? AS DATE) AS b)
SELECT 'event' AS kind, e.event_type AS code, e.occurred_on AS d1, e.reported_on AS d2, 1 AS n
FROM events e, p
WHERE e.firm_id = p.firm AND e.reported_on > p.a - 365 AND e.reported_on <= p.b
UNION ALL
SELECT 'statement', '', s.period_end, s.available_at, 1
FROM statements s, p
WHERE s.firm_id = p.firm AND s.available_at > p.a AND s.available_at <= p.b
UNION ALL
SELECT 'trial_balance', '', t.month, t.available_at, 1
FROM monthly_trial_balances t, p
WHERE t.firm_id = p.firm AND t.available_at > p.a AND t.available_at <= p.b
UNION ALL
SELECT 'inquiry', i.inquirer_industry, i.day, i.day, i.count
FROM inquiries i, p
WHERE i.firm_id = p.firm AND i.day > p.a - 365 AND i.day <= p.b
ORDER BY kind, d2, code, d1
