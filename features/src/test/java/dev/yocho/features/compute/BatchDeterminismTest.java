package dev.yocho.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.TestUniverse;
import dev.yocho.features.catalogue.FeatureCatalogue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch path gives the same bits on every run, whatever order DuckDB's threads meet the rows
 * in: sums of doubles (the 3-month trial-balance margins, the adverse event score) are computed in
 * a fixed order or exactly. A double {@code sum()} over a parallel hash aggregate moved the last
 * bits of a few hundred of 67,000 rows from run to run, which one seed reproducing a model exactly
 * cannot allow.
 */
class BatchDeterminismTest {
  @Test
  void repeatedRunsOnFourThreadsGiveIdenticalBits() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = connection.createStatement()) {
      TestUniverse.build(connection, 3000, 20261122L);
      st.execute("SET threads = 4");
      List<LocalDate> dates = new ArrayList<>();
      for (int m = 1; m <= 12; m++) {
        dates.add(LocalDate.of(2024, m, 1).plusMonths(1).minusDays(1));
      }
      BatchFeatures batch = new BatchFeatures();
      FeatureMatrix first = batch.compute(connection, dates);
      List<String> names = FeatureCatalogue.current().names();
      for (int run = 0; run < 3; run++) {
        FeatureMatrix again = batch.compute(connection, dates);
        assertThat(again.rows()).isEqualTo(first.rows());
        for (int r = 0; r < first.rows(); r++) {
          for (int j = 0; j < first.columns(); j++) {
            long a = Double.doubleToRawLongBits(first.value(r, j));
            long b = Double.doubleToRawLongBits(again.value(r, j));
            if (a != b) {
              throw new AssertionError("run " + run + ": " + names.get(j) + " of firm "
                  + first.firmId(r) + " on " + first.asOf(r) + " was "
                  + first.value(r, j) + ", now " + again.value(r, j));
            }
          }
        }
      }
      assertThat(first.rows()).isGreaterThan(10_000);
    }
  }
}
