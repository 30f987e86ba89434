-- The tables the daily refresh writes (DESIGN section 6). Created when missing; a refresh replaces
-- one as_of date of all three in one transaction. No primary keys: DuckDB's indexes would refuse
-- a delete and re-insert of the same key inside one transaction, and the refresh is the only
-- writer (it deletes the day before appending it).

-- One row per live firm per refreshed date. grade is the published grade (GradePolicy: it moves
-- only when the evidence moves); raw_grade is the PD's own grade on the master scale. The last
-- three columns are NULL in rows written before the policy existed.
CREATE TABLE IF NOT EXISTS grades (
  as_of         DATE    NOT NULL,
  firm_id       BIGINT  NOT NULL,
  model_version VARCHAR NOT NULL,
  tier          VARCHAR NOT NULL,   -- full | thin
  pd            DOUBLE  NOT NULL,   -- calibrated, floored at the master scale's PD floor
  grade         VARCHAR NOT NULL,   -- published: G1 (safest) .. G10
  raw_grade     VARCHAR,            -- the PD's grade on the bands
  grade_since   DATE,               -- the refresh that set the published grade
  outside_since DATE                -- first refresh of the unbroken run outside the band, or NULL
);
ALTER TABLE grades ADD COLUMN IF NOT EXISTS raw_grade VARCHAR;
ALTER TABLE grades ADD COLUMN IF NOT EXISTS grade_since DATE;
ALTER TABLE grades ADD COLUMN IF NOT EXISTS outside_since DATE;

-- Firms whose published grade at as_of differs from their previous refresh's; previous_as_of is
-- the refresh that had set the grade moved from (grade_since), so the move and its explanation
-- cover the whole change since then.
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
  tier_to        VARCHAR NOT NULL,
  basis          VARCHAR,           -- new_fact | sustained (GradePolicy.Basis); NULL before it
  top_cause      VARCHAR            -- the top reason's cause: new_fact | window_edge
);
ALTER TABLE transitions ADD COLUMN IF NOT EXISTS basis VARCHAR;
ALTER TABLE transitions ADD COLUMN IF NOT EXISTS top_cause VARCHAR;

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
