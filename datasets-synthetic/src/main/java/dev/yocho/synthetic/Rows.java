package dev.yocho.synthetic;

/** One buffer per generated table, in the order the writer appends them. */
final class Rows {
  /** Statement columns: firm, two dates, 21 amounts in whole yen. */
  static final String STATEMENT_KINDS = "LDD" + "Y".repeat(21);

  final TableBuffer firms;
  final TableBuffer statements;
  final TableBuffer trialBalances;
  final TableBuffer inquiries;
  final TableBuffer events;
  final TableBuffer applications;
  final TableBuffer defaults;
  final TableBuffer closures;
  final TableBuffer truth;

  Rows(int capacity) {
    firms = new TableBuffer("firms", "LSSSDILLFBBB", capacity);
    statements = new TableBuffer("statements", STATEMENT_KINDS, capacity);
    trialBalances = new TableBuffer("monthly_trial_balances", "LDDYYYYY", capacity);
    inquiries = new TableBuffer("inquiries", "LDSI", capacity);
    events = new TableBuffer("events", "LDDSI", capacity);
    applications = new TableBuffer("guarantee_applications", "LDSL", capacity);
    defaults = new TableBuffer("defaults", "LDS", capacity);
    closures = new TableBuffer("closures", "LD", capacity);
    truth = new TableBuffer("truth_pd", "LDF", capacity);
  }

  TableBuffer[] observable() {
    return new TableBuffer[] {
      firms, statements, trialBalances, inquiries, events, applications, defaults, closures
    };
  }

  long rowCount() {
    long n = truth.rows();
    for (TableBuffer t : observable()) {
      n += t.rows();
    }
    return n;
  }

  void clear() {
    for (TableBuffer t : observable()) {
      t.clear();
    }
    truth.clear();
  }
}
