package dev.yocho.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.TestUniverse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The batch path restricted to some firms (the refresh recomputes the previous day only for the
 * firms that moved) gives exactly the rows the unrestricted path gives for those firms.
 */
class FirmSubsetTest {
  @Test
  void aSubsetOfFirmsGetsTheSameRowsAsTheWholeUniverse() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      TestUniverse.build(connection, 300, 7L);
      List<LocalDate> dates = List.of(LocalDate.of(2023, 6, 30), LocalDate.of(2024, 12, 31));
      BatchFeatures batch = new BatchFeatures();
      FeatureMatrix all = batch.compute(connection, dates);

      SplittableRandom random = new SplittableRandom(11);
      List<Long> some = new ArrayList<>();
      for (int i = 0; i < all.rows(); i++) {
        if (random.nextInt(5) == 0) {
          some.add(all.firmId(i));
        }
      }
      some.add(999_999_999L); // an unknown firm selects nothing
      FeatureMatrix subset = batch.compute(connection, dates, some);

      assertThat(subset.rows()).isGreaterThan(20).isLessThan(all.rows());
      for (int i = 0; i < subset.rows(); i++) {
        int j = all.find(subset.firmId(i), subset.asOf(i));
        assertThat(j).as("firm %d as of %s", subset.firmId(i), subset.asOf(i)).isNotNegative();
        assertThat(subset.row(i)).isEqualTo(all.row(j));
        assertThat(some).contains(subset.firmId(i));
      }
      int expected = 0;
      for (int i = 0; i < all.rows(); i++) {
        expected += some.contains(all.firmId(i)) ? 1 : 0;
      }
      assertThat(subset.rows()).isEqualTo(expected);
      assertThat(batch.compute(connection, dates, List.of()).rows()).isZero();
    }
  }
}
