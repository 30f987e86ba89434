-- The moves of one refresh date, largest first: by notches in the asked direction, then by the
-- PD change, then firm id (a stable order for paging).
-- Parameters: as_of, direction (-1 up, 0 both, 1 down) twice, limit.
SELECT firm_id, previous_as_of, grade_from, grade_to, notches, pd_from, pd_to
FROM transitions
WHERE as_of = ?
  AND (? = 0 OR sign(notches) = ?)
ORDER BY abs(notches) DESC, abs(pd_to - pd_from) DESC, firm_id
LIMIT ?
