package dev.yocho.scoring.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.GoldenUniverse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed golden GBM bundle reproduces committed expectations exactly: for 80 feature rows of
 * the golden universe (40 per tier, as of 2024-06-30) the margin, the calibrated and floored PD and
 * the grade recorded in {@code golden/expected_scores.tsv}. Any change in bundle reading, ONNX
 * scoring, calibration or the master scale that moves a single PD fails here.
 *
 * <p>The file was written by real code — this test with {@code -Dyocho.golden.update=true}
 * (from scoring-service: {@code mvn -q -B -pl scoring-service test -Dtest=GoldenExpectationsTest
 * -Dyocho.golden.update=true}) — and is only read otherwise. Values are stored as their IEEE bit
 * patterns so the comparison is exact.
 */
class GoldenExpectationsTest {
  private static final Path FILE = Path.of("src/test/resources/golden/expected_scores.tsv");
  private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
  private static final int PER_TIER = 40;

  @TempDir Path dir;

  private record Expected(Tier tier, float[] x, double margin, double pd, String grade) {}

  @Test
  void goldenBundleReproducesTheCommittedMarginsPdsAndGrades() throws Exception {
    if (Boolean.getBoolean("yocho.golden.update")) {
      write();
    }
    List<Expected> expected = read();
    assertThat(expected).hasSize(2 * PER_TIER);
    assertThat(expected).extracting(Expected::tier).contains(Tier.FULL, Tier.THIN);
    try (ModelBundle bundle = ModelBundle.load(GoldenUniverse.bundle(GoldenUniverse.GBM),
        ScorerOptions.defaults())) {
      MasterScale scale = bundle.masterScale();
      for (Expected e : expected) {
        TierModel model = bundle.model(e.tier());
        double[] margin = new double[1];
        model.scorer().margins(e.x(), 1, margin);
        double pd = scale.floored(model.calibration().pd(margin[0]));
        assertThat(margin[0]).isEqualTo(e.margin());
        assertThat(pd).isEqualTo(e.pd());
        assertThat(scale.grade(pd)).isEqualTo(e.grade());
      }
    }
  }

  private void write() throws Exception {
    Path db = GoldenUniverse.generate(dir);
    FeatureMatrix m;
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      m = new BatchFeatures().compute(conn, AS_OF);
    }
    StringBuilder out = new StringBuilder(
        "# tier, feature float bits (hex), margin bits, pd bits, grade — see GoldenExpectationsTest\n");
    try (ModelBundle bundle = ModelBundle.load(GoldenUniverse.bundle(GoldenUniverse.GBM),
        ScorerOptions.defaults())) {
      for (Tier tier : Tier.values()) {
        int taken = 0;
        for (int r = 0; r < m.rows() && taken < PER_TIER; r++) {
          if (m.tier(r) != tier) {
            continue;
          }
          float[] x = dev.yocho.features.bundle.TreeEnsemble.toFloat(m.row(r).values());
          double[] margin = new double[1];
          bundle.model(tier).scorer().margins(x, 1, margin);
          double pd = bundle.masterScale().floored(bundle.model(tier).calibration().pd(margin[0]));
          out.append(tier.code());
          for (float v : x) {
            out.append('\t').append(Integer.toHexString(Float.floatToRawIntBits(v)));
          }
          out.append('\t').append(Long.toHexString(Double.doubleToRawLongBits(margin[0])))
              .append('\t').append(Long.toHexString(Double.doubleToRawLongBits(pd)))
              .append('\t').append(bundle.masterScale().grade(pd)).append('\n');
          taken++;
        }
      }
    }
    Files.writeString(FILE, out.toString(), StandardCharsets.UTF_8);
  }

  private static List<Expected> read() throws Exception {
    List<Expected> rows = new ArrayList<>();
    for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      int n = f.length - 4;
      float[] x = new float[n];
      for (int j = 0; j < n; j++) {
        x[j] = Float.intBitsToFloat(Integer.parseUnsignedInt(f[1 + j], 16));
      }
      rows.add(new Expected(Tier.valueOf(f[0].toUpperCase(java.util.Locale.ROOT)), x,
          Double.longBitsToDouble(Long.parseUnsignedLong(f[n + 1], 16)),
          Double.longBitsToDouble(Long.parseUnsignedLong(f[n + 2], 16)), f[n + 3]));
    }
    return rows;
  }
}
