-- One page of a refresh date's moves, in the order of transitions_of_day.sql (notches, then PD
-- change, both largest first, then firm id), after a keyset position.
-- Parameters: as_of, direction (-1 up, 0 both, 1 down) twice, min_notches, has_cursor,
-- cursor notches, cursor notches, cursor pd change, cursor notches, cursor pd change, cursor firm,
-- limit.
SELECT firm_id, previous_as_of, grade_from, grade_to, notches, pd_from, pd_to, model_from,
       model_to, tier_from, tier_to
FROM transitions
WHERE as_of = CAST(? AS DATE)
  AND (? = 0 OR sign(notches) = ?)
  AND abs(notches) >= ?
  AND (NOT ?
       OR abs(notches) < ?
       OR (abs(notches) = ? AND abs(pd_to - pd_from) < ?)
       OR (abs(notches) = ? AND abs(pd_to - pd_from) = ? AND firm_id > ?))
ORDER BY abs(notches) DESC, abs(pd_to - pd_from) DESC, firm_id
LIMIT ?
