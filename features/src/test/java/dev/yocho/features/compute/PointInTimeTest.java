package dev.yocho.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.TestUniverse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The point-in-time rule of {@link dev.yocho.features.compute}: features as of D from the full
 * database equal features as of D after deleting every fact not visible at D.
 */
class PointInTimeTest {
  private static final long SEED = 99L;

  @ParameterizedTest
  @ValueSource(strings = {"2021-01-01", "2022-03-31", "2023-06-30", "2024-02-29", "2025-12-31"})
  void featuresIgnoreEveryFactNotVisibleAtTheAsOfDate(String date) throws SQLException {
    LocalDate asOf = LocalDate.parse(date);
    try (Connection full = DriverManager.getConnection("jdbc:duckdb:");
        Connection truncated = DriverManager.getConnection("jdbc:duckdb:")) {
      TestUniverse.build(full, 400, SEED);
      TestUniverse.build(truncated, 400, SEED);
      long deleted = deleteInvisibleFacts(truncated, asOf);
      assertThat(deleted).as("facts after %s deleted", asOf).isGreaterThan(asOf.getYear() < 2025 ? 1000 : 0);

      FeatureMatrix fromFull = new BatchFeatures().compute(full, asOf);
      FeatureMatrix fromTruncated = new BatchFeatures().compute(truncated, asOf);
      assertThat(fromFull.rows()).isGreaterThan(100).isEqualTo(fromTruncated.rows());
      for (int i = 0; i < fromFull.rows(); i++) {
        assertThat(fromTruncated.row(i)).isEqualTo(fromFull.row(i));
      }

      SingleFirmFeatures fullPath = new SingleFirmFeatures();
      SingleFirmFeatures truncatedPath = new SingleFirmFeatures();
      // every firm's facts in memory (the HTTP service's path), read from the full database
      SingleFirmFeatures fullInMemory = new SingleFirmFeatures();
      assertThat(fullInMemory.preload(full, Long.MAX_VALUE)).isTrue();
      SplittableRandom random = new SplittableRandom(asOf.toEpochDay());
      for (int k = 0; k < 60; k++) {
        long firm = fromFull.firmId(random.nextInt(fromFull.rows()));
        FeatureVector visible = truncatedPath.compute(truncated, firm, asOf);
        assertThat(visible).isEqualTo(fullPath.compute(full, firm, asOf));
        // a history that holds every later fact, asked about a later date first, still sees as
        // of asOf only what was visible then
        for (SingleFirmFeatures path : List.of(fullPath, fullInMemory)) {
          SingleFirmFeatures.History history = path.history(full, firm);
          try {
            history.at(LocalDate.of(2025, 12, 31));
          } catch (IllegalArgumentException notLiveThen) {
            // defaulted or closed before the later date: the point of the check is asOf
          }
          assertThat(history.at(asOf)).isEqualTo(visible);
          assertThat(history.eventsReported(asOf.minusDays(365), asOf))
              .isEqualTo(truncatedPath.history(truncated, firm)
                  .eventsReported(asOf.minusDays(365), LocalDate.of(2025, 12, 31)))
              .isEqualTo(eventsReported(full, firm, asOf.minusDays(365), asOf))
              .allMatch(e -> !e.reportedOn().isAfter(asOf));
        }
      }
    }
  }

  /** The firm's events reported in (after, through], straight from the table. */
  private static List<SingleFirmFeatures.Event> eventsReported(Connection c, long firm,
      LocalDate after, LocalDate through) throws SQLException {
    List<SingleFirmFeatures.Event> out = new java.util.ArrayList<>();
    try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT event_type, occurred_on,"
        + " reported_on FROM events WHERE firm_id = ? AND reported_on > ? AND reported_on <= ?"
        + " ORDER BY reported_on, event_type, occurred_on")) {
      ps.setLong(1, firm);
      ps.setObject(2, after);
      ps.setObject(3, through);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new SingleFirmFeatures.Event(rs.getString(1),
              rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class)));
        }
      }
    }
    return out;
  }

  /** Deletes what a monitor could not have known at {@code asOf}; returns the rows deleted. */
  static long deleteInvisibleFacts(Connection connection, LocalDate asOf) throws SQLException {
    String d = "DATE '" + asOf + "'";
    long deleted = 0;
    try (Statement st = connection.createStatement()) {
      for (String sql : List.of(
          "DELETE FROM statements WHERE available_at > " + d + " OR period_end > " + d,
          "DELETE FROM monthly_trial_balances WHERE available_at > " + d,
          "DELETE FROM events WHERE reported_on > " + d,
          "DELETE FROM inquiries WHERE day > " + d,
          "DELETE FROM guarantee_applications WHERE applied_on > " + d,
          "DELETE FROM defaults WHERE default_on > " + d,
          "DELETE FROM closures WHERE closed_on > " + d)) {
        deleted += st.executeUpdate(sql);
      }
    }
    return deleted;
  }
}
