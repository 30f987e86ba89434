-- Truth tables: written by the generator only, read only by evaluation code and tests,
-- never by training or scoring.
CREATE TABLE truth_pd (
  firm_id     BIGINT NOT NULL,
  as_of       DATE   NOT NULL,   -- a month-end
  one_year_pd DOUBLE NOT NULL
);
-- The generator's manifest: parameters, seed, simulation paths, standard error, oracle AUC.
CREATE TABLE truth_manifest (
  key   VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
);
