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
      SplittableRandom random = new SplittableRandom(asOf.toEpochDay());
      for (int k = 0; k < 60; k++) {
        long firm = fromFull.firmId(random.nextInt(fromFull.rows()));
        assertThat(truncatedPath.compute(truncated, firm, asOf))
            .isEqualTo(fullPath.compute(full, firm, asOf));
      }
    }
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
