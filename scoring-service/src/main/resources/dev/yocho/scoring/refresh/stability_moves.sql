-- The published moves (transitions) of the refreshes in (from, to]: all, downgrades, moves of two
-- or more notches, moves on a new fact and after a sustained shift, moves whose top reason is a
-- window edge, and moves reversed (a later move of the firm the other way) within 30 days, by to.
-- Parameters: from, to, to.
WITH m AS (
  SELECT firm_id, as_of, notches, basis, top_cause FROM transitions
  WHERE as_of > CAST(? AS DATE) AND as_of <= CAST(? AS DATE)
), later AS (
  SELECT firm_id, as_of, notches FROM transitions WHERE as_of <= CAST(? AS DATE)
)
SELECT count(*),
       count(*) FILTER (WHERE notches > 0),
       count(*) FILTER (WHERE abs(notches) >= 2),
       count(*) FILTER (WHERE basis = 'new_fact'),
       count(*) FILTER (WHERE basis = 'sustained'),
       count(*) FILTER (WHERE top_cause = 'window_edge'),
       count(*) FILTER (WHERE EXISTS (
         SELECT 1 FROM later u
         WHERE u.firm_id = m.firm_id AND u.as_of > m.as_of AND u.as_of <= m.as_of + 30
           AND sign(u.notches) = -sign(m.notches)))
FROM m
