-- yocho data model: the observable tables (what a real monitor would have).
-- Generated from features/src/main/resources/dev/yocho/features/contract/contract.json
-- (ContractFilesTest; regenerate with -Dyocho.regenerate=true): do not edit by hand.
-- Dates are DATE, money is whole yen (BIGINT), firm_id is BIGINT.
-- One row per monitored firm (the guarantee's or loan's obligor).
CREATE TABLE firms (
  firm_id               BIGINT  NOT NULL PRIMARY KEY,
  name                  VARCHAR NOT NULL,
  industry              VARCHAR NOT NULL,
  prefecture            VARCHAR NOT NULL,
  founded_on            DATE    NOT NULL,
  employees             INTEGER NOT NULL,
  capital_jpy           BIGINT  NOT NULL,  -- yen
  guarantee_balance_jpy BIGINT  NOT NULL,  -- yen
  guarantee_coverage    DOUBLE  NOT NULL,
  has_proper_loan       BOOLEAN NOT NULL,
  has_zero_zero_loan    BOOLEAN NOT NULL,
  has_successor         BOOLEAN NOT NULL
);
-- Annual financial statements. A restatement is a new row with a later available_at; the latest available_at known by a date wins.
CREATE TABLE statements (
  firm_id               BIGINT NOT NULL,
  period_end            DATE   NOT NULL,
  available_at          DATE   NOT NULL,
  sales                 BIGINT NOT NULL,  -- yen
  cost_of_sales         BIGINT NOT NULL,  -- yen
  sga                   BIGINT NOT NULL,  -- yen
  operating_income      BIGINT NOT NULL,  -- yen
  non_operating_income  BIGINT NOT NULL,  -- yen
  non_operating_expense BIGINT NOT NULL,  -- yen
  interest_expense      BIGINT NOT NULL,  -- yen
  ordinary_income       BIGINT NOT NULL,  -- yen
  depreciation          BIGINT NOT NULL,  -- yen
  net_income            BIGINT NOT NULL,  -- yen
  cash                  BIGINT NOT NULL,  -- yen
  receivables           BIGINT NOT NULL,  -- yen
  inventory             BIGINT NOT NULL,  -- yen
  current_assets        BIGINT NOT NULL,  -- yen
  fixed_assets          BIGINT NOT NULL,  -- yen
  total_assets          BIGINT NOT NULL,  -- yen
  payables              BIGINT NOT NULL,  -- yen
  short_term_debt       BIGINT NOT NULL,  -- yen
  long_term_debt        BIGINT NOT NULL,  -- yen
  total_liabilities     BIGINT NOT NULL,  -- yen
  net_assets            BIGINT NOT NULL  -- yen
);
-- Monthly trial balances (試算表), only for firms whose accounting data is linked.
CREATE TABLE monthly_trial_balances (
  firm_id          BIGINT NOT NULL,
  month            DATE   NOT NULL,
  available_at     DATE   NOT NULL,
  sales            BIGINT NOT NULL,  -- yen
  cost_of_sales    BIGINT NOT NULL,  -- yen
  operating_income BIGINT NOT NULL,  -- yen
  cash             BIGINT NOT NULL,  -- yen
  debt             BIGINT NOT NULL  -- yen
);
-- Credit inquiries about a firm, counted per day and inquirer; rows only for days with at least one inquiry.
CREATE TABLE inquiries (
  firm_id           BIGINT  NOT NULL,
  day               DATE    NOT NULL,
  inquirer_industry VARCHAR NOT NULL,  -- bank | trade_creditor | leasing | collection
  count             INTEGER NOT NULL
);
-- Event information (変動情報): adverse (-1) and positive (+1) events about a firm.
CREATE TABLE events (
  firm_id     BIGINT  NOT NULL,
  occurred_on DATE    NOT NULL,
  reported_on DATE    NOT NULL,
  event_type  VARCHAR NOT NULL,
  polarity    INTEGER NOT NULL
);
-- Applications for a credit guarantee.
CREATE TABLE guarantee_applications (
  firm_id    BIGINT  NOT NULL,
  applied_on DATE    NOT NULL,
  purpose    VARCHAR NOT NULL,  -- working_capital | equipment | refinancing
  amount_jpy BIGINT  NOT NULL  -- yen
);
-- Defaults: legal bankruptcy, subrogation (代位弁済), suspension of bank transactions. At most one per firm (the first).
CREATE TABLE defaults (
  firm_id      BIGINT  NOT NULL,
  default_on   DATE    NOT NULL,
  default_type VARCHAR NOT NULL  -- legal_bankruptcy | subrogation | suspension_of_bank_transactions
);
-- Voluntary closures (休廃業): not a default; a closure censors the firm.
CREATE TABLE closures (
  firm_id   BIGINT NOT NULL,
  closed_on DATE   NOT NULL
);
-- What the data set covers: keys window_from and window_to (ISO dates), source (e.g. synthetic), seed. Observable metadata, not truth. Optional in a feed.
CREATE TABLE dataset_info (
  key   VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
);
