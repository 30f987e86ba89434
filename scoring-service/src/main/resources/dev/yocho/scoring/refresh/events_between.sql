-- Events reported in (from, to], of one firm or (firm NULL) of every firm
-- (from, to, firm, firm), ordered by firm, report date and type.
SELECT firm_id, event_type, occurred_on - DATE '1970-01-01' AS occurred_day,
       reported_on - DATE '1970-01-01' AS reported_day
FROM events
WHERE reported_on > CAST(? AS DATE) AND reported_on <= CAST(? AS DATE)
  AND (CAST(? AS BIGINT) IS NULL OR firm_id = CAST(? AS BIGINT))
ORDER BY firm_id, reported_on, event_type, occurred_on
