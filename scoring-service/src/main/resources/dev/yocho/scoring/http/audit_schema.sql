-- The audit trail of the HTTP API: one row per read of a firm's grades, score or explanation
-- (DESIGN section 7). Append-only: the service only ever appends to it.
CREATE TABLE IF NOT EXISTS audit_log (
  "at"     TIMESTAMP NOT NULL,  -- UTC (quoted: AT is a keyword)
  key_id   VARCHAR   NOT NULL,  -- the API key that asked
  firm_id  BIGINT,              -- the firm asked about (NULL when the id was malformed)
  endpoint VARCHAR   NOT NULL,  -- the route, e.g. GET /api/v1/firms/{id}/explain
  status   INTEGER   NOT NULL   -- the HTTP status answered
);
