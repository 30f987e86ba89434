package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The default universe obeys the data model's invariants (what a monitor could see, and when). */
class UniverseIntegrityTest {
  private static Connection conn;

  @BeforeAll
  static void open() throws Exception {
    conn = DriverManager.getConnection("jdbc:duckdb:" + DefaultUniverse.database());
  }

  @AfterAll
  static void close() throws Exception {
    conn.close();
  }

  private static long count(String sql) throws Exception {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void firmsAreAllWrittenWithUniqueIdsAndValidVocabularies() throws Exception {
    assertThat(count("SELECT count(*) FROM firms")).isEqualTo(20_000);
    assertThat(count("SELECT count(DISTINCT firm_id) FROM firms")).isEqualTo(20_000);
    assertThat(count("SELECT count(DISTINCT industry) FROM firms")).isEqualTo(12);
    assertThat(count("SELECT count(*) FROM firms WHERE guarantee_coverage NOT IN (0.8, 1.0)")).isZero();
    assertThat(count("SELECT count(DISTINCT prefecture) FROM firms")).isGreaterThan(40);
  }

  @Test
  void factsAreReportedOnOrAfterTheyHappenAndNeverAfterTheWindow() throws Exception {
    assertThat(count("SELECT count(*) FROM statements WHERE available_at <= period_end")).isZero();
    assertThat(count("SELECT count(*) FROM events WHERE reported_on < occurred_on")).isZero();
    assertThat(count("SELECT count(*) FROM monthly_trial_balances WHERE available_at <= month")).isZero();
    assertThat(count("SELECT count(*) FROM statements WHERE available_at > DATE '2025-12-31'")).isZero();
    assertThat(count("SELECT count(*) FROM events WHERE reported_on > DATE '2025-12-31'")).isZero();
    assertThat(count("SELECT count(*) FROM inquiries WHERE day > DATE '2025-12-31' OR count <= 0")).isZero();
  }

  @Test
  void nothingIsObservedAfterAFirmDefaultsOrCloses() throws Exception {
    String exits = "(SELECT firm_id, default_on AS exit_on FROM defaults UNION ALL "
        + "SELECT firm_id, closed_on FROM closures)";
    assertThat(count("SELECT count(*) FROM inquiries JOIN " + exits + " x USING (firm_id) WHERE day > exit_on")).isZero();
    assertThat(count("SELECT count(*) FROM events JOIN " + exits + " x USING (firm_id) WHERE reported_on > exit_on")).isZero();
    assertThat(count("SELECT count(*) FROM statements JOIN " + exits + " x USING (firm_id) WHERE available_at > exit_on")).isZero();
    assertThat(count("SELECT count(*) FROM (SELECT firm_id FROM " + exits + " GROUP BY firm_id HAVING count(*) > 1)")).isZero();
    assertThat(count("SELECT count(*) FROM inquiries i JOIN firms f USING (firm_id) WHERE i.day < f.founded_on")).isZero();
  }

  @Test
  void defaultsAndClosuresFallInTheWindow() throws Exception {
    assertThat(count("SELECT count(*) FROM defaults WHERE default_on < DATE '2021-01-01' OR default_on > DATE '2025-12-31'")).isZero();
    assertThat(count("SELECT count(*) FROM closures WHERE closed_on < DATE '2021-01-01' OR closed_on > DATE '2025-12-31'")).isZero();
    assertThat(count("SELECT count(DISTINCT default_type) FROM defaults")).isEqualTo(3);
  }

  @Test
  void truthRowsCoverExactlyTheLiveFirmsAtEveryMonthEnd() throws Exception {
    // a truth row for a firm not live at that month-end would leak the future
    assertThat(count("SELECT count(*) FROM truth_pd t JOIN defaults d USING (firm_id) WHERE d.default_on <= t.as_of")).isZero();
    assertThat(count("SELECT count(*) FROM truth_pd t JOIN closures c USING (firm_id) WHERE c.closed_on <= t.as_of")).isZero();
    assertThat(count("SELECT count(*) FROM truth_pd t JOIN firms f USING (firm_id) WHERE f.founded_on > t.as_of")).isZero();
    assertThat(count("SELECT count(DISTINCT as_of) FROM truth_pd")).isEqualTo(60);
    assertThat(count("SELECT count(*) FROM truth_pd WHERE one_year_pd < 0 OR one_year_pd > 1")).isZero();
    // every firm live at 2023-06-30 has its row
    long live = count("SELECT count(*) FROM firms f WHERE founded_on <= DATE '2023-06-30' "
        + "AND NOT EXISTS (SELECT 1 FROM defaults d WHERE d.firm_id = f.firm_id AND d.default_on <= DATE '2023-06-30') "
        + "AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.firm_id = f.firm_id AND c.closed_on <= DATE '2023-06-30')");
    assertThat(count("SELECT count(*) FROM truth_pd WHERE as_of = DATE '2023-06-30'")).isEqualTo(live);
  }

  @Test
  void theWindowIsRecordedAsObservableMetadata() throws Exception {
    assertThat(Realism.info(conn, "dataset_info", "window_from")).isEqualTo("2021-01-01");
    assertThat(Realism.info(conn, "dataset_info", "window_to")).isEqualTo("2025-12-31");
  }

  @Test
  void thinFilesAndRestatementsAndLinkedAccountsExist() throws Exception {
    // firms with no visible statement at the end (new firms, missing filings) make the thin tier real
    long withStatement = count("SELECT count(DISTINCT firm_id) FROM statements");
    assertThat(withStatement).isLessThan(20_000);
    assertThat(count("SELECT count(*) FROM (SELECT firm_id, period_end FROM statements GROUP BY ALL HAVING count(*) > 1)"))
        .isGreaterThan(100);
    assertThat(count("SELECT count(DISTINCT firm_id) FROM monthly_trial_balances")).isBetween(1_500L, 6_000L);
    assertThat(count("SELECT count(*) FROM events WHERE event_type = 'late_statement'")).isPositive();
    assertThat(count("SELECT count(*) FROM firms WHERE founded_on >= DATE '2021-01-01'")).isBetween(2_000L, 3_000L);
  }
}
