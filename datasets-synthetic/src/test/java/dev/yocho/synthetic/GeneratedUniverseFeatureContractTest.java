package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.FeatureContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The feature contract (batch SQL, single-firm Java and the naive reference agree within 1e-9 with
 * identical missing markers) on the generator's own universe, not only on the features module's
 * hand-built test universe: restatements, late filings, window dressing and thin files as the
 * generator makes them.
 */
class GeneratedUniverseFeatureContractTest {
  @TempDir Path dir;

  @Test
  void batchSingleFirmAndReferenceAgreeOnTwoThousandPairsOfAGeneratedUniverse() throws Exception {
    Path db = dir.resolve("contract.duckdb");
    UniverseGenerator.generate(GeneratorConfig.defaults().withFirms(1_500), db);
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      FeatureContract.Report report = FeatureContract.check(conn, 2_000, 42);
      assertThat(report.pairs()).isGreaterThanOrEqualTo(2_000);
      assertThat(report.fullTier()).isPositive();
      assertThat(report.thinTier()).isPositive();
    }
  }
}
