-- The tables the daily refresh writes (DESIGN section 6). Created when missing; a refresh replaces
-- one as_of date of all three in one transaction. No primary keys: DuckDB's indexes would refuse
-- a delete and re-insert of the same key inside one transaction, and the refresh is the only
-- writer (it deletes the day before appending it).

-- One row per live firm per refreshed date.
CREATE TABLE IF NOT EXISTS grades (
  as_of         DATE    NOT NULL,
  firm_id       BIGINT  NOT NULL,
  model_version VARCHAR NOT NULL,
  tier          VARCHAR NOT NULL,   -- full | thin
  pd            DOUBLE  NOT NULL,   -- calibrated, floored at the master scale's PD floor
  grade         VARCHAR NOT NULL    -- G1 (safest) .. G10
);

-- Firms whose grade at as_of differs from their previous refresh (latest grades row before it).
CREATE TABLE IF NOT EXISTS transitions (
  as_of          DATE    NOT NULL,
  firm_id        BIGINT  NOT NULL,
  previous_as_of DATE    NOT NULL,
  grade_from     VARCHAR NOT NULL,
  grade_to       VARCHAR NOT NULL,
  notches        INTEGER NOT NULL,  -- grade_to - grade_from: positive is a downgrade
  pd_from        DOUBLE  NOT NULL,
  pd_to          DOUBLE  NOT NULL,
  model_from     VARCHAR NOT NULL,
  model_to       VARCHAR NOT NULL,
  tier_from      VARCHAR NOT NULL,
  tier_to        VARCHAR NOT NULL
);

-- The explanation of each transition, in log-odds: logit_to - logit_from = model_effect +
-- sum(contributions); contributions in the order of the catalogue named by catalogue_version.
CREATE TABLE IF NOT EXISTS explanations (
  as_of             DATE     NOT NULL,
  firm_id           BIGINT   NOT NULL,
  previous_as_of    DATE     NOT NULL,
  catalogue_version VARCHAR  NOT NULL,
  logit_from        DOUBLE   NOT NULL,
  logit_to          DOUBLE   NOT NULL,
  model_effect      DOUBLE   NOT NULL,
  contributions     DOUBLE[] NOT NULL,
  reasons           VARCHAR  NOT NULL  -- JSON array, language-neutral (codes, values, events)
);
