-- The ingest's own record: every batch it loaded (or refused row by row), and every rejected row
-- with its reason. Persistent, beside the observable tables; never read by features or training.
CREATE TABLE IF NOT EXISTS ingest_batches (
  batch_id       VARCHAR   NOT NULL PRIMARY KEY,  -- SHA-256 of the batch's files (names and bytes)
  knowledge_date DATE      NOT NULL,
  ingested_at    TIMESTAMP NOT NULL,
  files          VARCHAR   NOT NULL,              -- the file names, comma-separated, in load order
  rows_read      BIGINT    NOT NULL,
  accepted       BIGINT    NOT NULL,
  rejected       BIGINT    NOT NULL,
  duplicates     BIGINT    NOT NULL
);
CREATE TABLE IF NOT EXISTS ingest_rejects (
  batch_id VARCHAR NOT NULL,
  file     VARCHAR NOT NULL,
  line     BIGINT  NOT NULL,   -- line of the CSV file (the header is line 1), row number of a Parquet file
  "column" VARCHAR,            -- the column at fault, or null for a rule over several
  value    VARCHAR,
  code     VARCHAR NOT NULL,   -- missing_value | bad_type | fractional_yen | unknown_code | ...
  message  VARCHAR NOT NULL
);
