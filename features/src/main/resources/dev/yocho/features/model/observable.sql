-- yocho data model: the observable tables (what a real monitor would have).
-- One source for the DDL; written by the generator, read by features, training and scoring.
-- Dates are DATE, money is yen, firm_id is BIGINT. See DESIGN.md section 2.
CREATE TABLE firms (
  firm_id               BIGINT  NOT NULL PRIMARY KEY,
  name                  VARCHAR NOT NULL,
  industry              VARCHAR NOT NULL,
  prefecture            VARCHAR NOT NULL,
  founded_on            DATE    NOT NULL,
  employees             INTEGER NOT NULL,
  capital_jpy           BIGINT  NOT NULL,
  guarantee_balance_jpy BIGINT  NOT NULL,
  guarantee_coverage    DOUBLE  NOT NULL,   -- 0.8 or 1.0
  has_proper_loan       BOOLEAN NOT NULL,
  has_zero_zero_loan    BOOLEAN NOT NULL,
  has_successor         BOOLEAN NOT NULL
);
-- Annual statements; a restatement is a new row with a later available_at.
CREATE TABLE statements (
  firm_id               BIGINT NOT NULL,
  period_end            DATE   NOT NULL,
  available_at          DATE   NOT NULL,
  sales                 DOUBLE NOT NULL,
  cost_of_sales         DOUBLE NOT NULL,
  sga                   DOUBLE NOT NULL,
  operating_income      DOUBLE NOT NULL,
  non_operating_income  DOUBLE NOT NULL,
  non_operating_expense DOUBLE NOT NULL,
  interest_expense      DOUBLE NOT NULL,
  ordinary_income       DOUBLE NOT NULL,
  depreciation          DOUBLE NOT NULL,
  net_income            DOUBLE NOT NULL,
  cash                  DOUBLE NOT NULL,
  receivables           DOUBLE NOT NULL,
  inventory             DOUBLE NOT NULL,
  current_assets        DOUBLE NOT NULL,
  fixed_assets          DOUBLE NOT NULL,
  total_assets          DOUBLE NOT NULL,
  payables              DOUBLE NOT NULL,
  short_term_debt       DOUBLE NOT NULL,
  long_term_debt        DOUBLE NOT NULL,
  total_liabilities     DOUBLE NOT NULL,
  net_assets            DOUBLE NOT NULL
);
-- Monthly trial balances, only for firms whose accounting data is linked.
CREATE TABLE monthly_trial_balances (
  firm_id          BIGINT NOT NULL,
  month            DATE   NOT NULL,   -- last day of the month
  available_at     DATE   NOT NULL,
  sales            DOUBLE NOT NULL,
  cost_of_sales    DOUBLE NOT NULL,
  operating_income DOUBLE NOT NULL,
  cash             DOUBLE NOT NULL,
  debt             DOUBLE NOT NULL
);
-- Credit inquiries about a firm; rows only for non-zero days.
CREATE TABLE inquiries (
  firm_id           BIGINT  NOT NULL,
  day               DATE    NOT NULL,
  inquirer_industry VARCHAR NOT NULL,  -- bank | trade_creditor | leasing | collection
  count             INTEGER NOT NULL
);
-- Adverse (-1) and positive (+1) event information (変動情報).
CREATE TABLE events (
  firm_id     BIGINT  NOT NULL,
  occurred_on DATE    NOT NULL,
  reported_on DATE    NOT NULL,
  event_type  VARCHAR NOT NULL,
  polarity    INTEGER NOT NULL
);
CREATE TABLE guarantee_applications (
  firm_id    BIGINT  NOT NULL,
  applied_on DATE    NOT NULL,
  purpose    VARCHAR NOT NULL,  -- working_capital | equipment | refinancing
  amount_jpy BIGINT  NOT NULL
);
-- Defaults: legal_bankruptcy | subrogation | suspension_of_bank_transactions.
CREATE TABLE defaults (
  firm_id      BIGINT  NOT NULL,
  default_on   DATE    NOT NULL,
  default_type VARCHAR NOT NULL
);
-- Voluntary closure (休廃業): not a default; it censors the firm.
CREATE TABLE closures (
  firm_id   BIGINT NOT NULL,
  closed_on DATE   NOT NULL
);
-- What the data set covers: keys window_from and window_to (ISO dates; facts up to window_to are
-- loaded), source (e.g. 'synthetic'), seed. Observable metadata, not truth.
CREATE TABLE dataset_info (
  key   VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
);
