package dev.yocho.features.compute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.FeatureContract;
import dev.yocho.features.TestUniverse;
import dev.yocho.features.catalogue.FeatureCatalogue;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class FeatureContractTest {
  @Test
  void batchSingleFirmAndReferenceAgreeOnRandomPairs() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      TestUniverse.build(connection, 600, 20261122L);
      FeatureContract.Report report = FeatureContract.check(connection, 2000, 7L);

      assertThat(report.pairs()).isEqualTo(2000);
      assertThat(report.fullTier()).isGreaterThan(500);
      assertThat(report.thinTier()).isGreaterThan(100);
      // not vacuous: every feature takes at least two distinct non-missing values
      FeatureCatalogue catalogue = FeatureCatalogue.current();
      for (int j = 0; j < catalogue.size(); j++) {
        assertThat(report.distinctValuesPerFeature()[j])
            .as("distinct values of %s", catalogue.get(j).name())
            .isGreaterThanOrEqualTo(2);
      }
    }
  }
}
