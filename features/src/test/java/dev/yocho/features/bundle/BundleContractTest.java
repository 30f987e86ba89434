package dev.yocho.features.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleContractTest {
  @TempDir Path dir;

  @Test
  void masterScaleBandsDoubleFromTheFloor() {
    MasterScale scale = MasterScale.standard();
    assertThat(scale.gradeCount()).isEqualTo(10);
    // DESIGN section 4: G1 < 0.05%, G2 < 0.1%, … G9 < 12.8%, G10 ≥ 12.8%, floor 0.03%
    assertThat(scale.grade(0.0)).isEqualTo("G1");
    assertThat(scale.floored(0.0001)).isEqualTo(0.0003);
    assertThat(scale.grade(0.000499)).isEqualTo("G1");
    assertThat(scale.grade(0.0005)).isEqualTo("G2");
    assertThat(scale.grade(0.0099)).isEqualTo("G6");
    assertThat(scale.grade(0.016)).isEqualTo("G7");
    assertThat(scale.grade(0.1279)).isEqualTo("G9");
    assertThat(scale.grade(0.128)).isEqualTo("G10");
    assertThat(scale.grade(1.0)).isEqualTo("G10");
    assertThat(scale.parse("G7")).isEqualTo(7);
    assertThatThrownBy(() -> scale.parse("G11")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scale.grade(1.5)).hasMessageContaining("1.5");
  }

  @Test
  void isotonicCalibrationIsMonotoneAndReproducesPoolAdjacentViolators() {
    // textbook PAV example: labels 1,0,1,0,0,1,1 on increasing margins pool into
    // {1,0}→0.5, {1,0,0}→1/3 … violators merge: blocks [1,0,1,0,0]→0.4, then [1],[1]→1
    double[] m = {1, 2, 3, 4, 5, 6, 7};
    boolean[] y = {true, false, true, false, false, true, true};
    Calibration c = Calibration.fitIsotonic(m, y, 0, 0);
    assertThat(c.pds()).containsExactly(0.4, 1.0);
    assertThat(c.margins()).containsExactly(3.0, 6.5);
    assertThat(c.pd(-100)).isEqualTo(0.4);
    assertThat(c.pd(100)).isEqualTo(1.0);
    assertThat(c.pd(4.75)).isCloseTo(0.7, within(1e-12));

    SplittableRandom r = new SplittableRandom(1);
    int n = 20_000;
    double[] margins = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      margins[i] = r.nextGaussian() * 2 - 4;
      labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-margins[i]));
    }
    Calibration fitted = Calibration.fitIsotonic(margins, labels, 0.02, 1);
    double previous = -1;
    for (double x = -12; x <= 4; x += 0.01) {
      double p = fitted.pd(x);
      assertThat(p).isGreaterThanOrEqualTo(previous).isPositive();
      previous = p;
    }
    // well specified: close to the logistic curve where data is dense
    assertThat(fitted.pd(-4)).isCloseTo(1 / (1 + Math.exp(4)), within(0.01));
  }

  @Test
  void anchoringMovesTheLevelInLogOddsAndKeepsTheShape() {
    Calibration c = new Calibration(new double[] {-5, -3, -1}, new double[] {0.0, 0.01, 0.2});
    double[] sample = {-5, -4, -3, -2, -1, -3, -3};
    double before = 0;
    for (double m : sample) {
      before += c.pd(m);
    }
    before /= sample.length;

    Calibration anchored = c.anchoredTo(sample, 0.5 * before);
    double after = 0;
    for (double m : sample) {
      after += anchored.pd(m);
    }
    assertThat(after / sample.length).isCloseTo(0.5 * before, within(1e-12));
    assertThat(anchored.margins()).containsExactly(c.margins());
    // a PD of exactly 0 stays 0; the others move by one common log-odds shift
    assertThat(anchored.pds()[0]).isEqualTo(0.0);
    double logit1 = Math.log(anchored.pds()[1] / (1 - anchored.pds()[1])) - Math.log(0.01 / 0.99);
    double logit2 = Math.log(anchored.pds()[2] / (1 - anchored.pds()[2])) - Math.log(0.2 / 0.8);
    assertThat(logit1).isNegative().isCloseTo(logit2, within(1e-9));
    assertThat(c.shifted(0.0).pds()).containsExactly(c.pds());
    assertThatThrownBy(() -> c.anchoredTo(sample, 0.0)).hasMessageContaining("(0, 1)");
    assertThatThrownBy(() -> c.anchoredTo(new double[0], 0.1))
        .hasMessageContaining("at least one margin");
  }

  @Test
  void manifestVerifiesChecksumsFilesAndFeatures() throws Exception {
    Files.writeString(dir.resolve("full.onnx"), "model bytes");
    Files.writeString(dir.resolve("calibration.json"), "{}");
    List<String> features = List.of("equity_ratio", "cash_days_on_hand");
    BundleManifest.write(dir, "m-1", "cat-1", features, List.of("full"));
    assertThat(BundleManifest.verify(dir, "cat-1", features).files())
        .containsOnlyKeys("calibration.json", "full.onnx");

    assertThatThrownBy(() -> BundleManifest.verify(dir, "cat-2", features))
        .hasMessageContaining("catalogue cat-1");
    assertThatThrownBy(() -> BundleManifest.verify(dir, "cat-1",
        List.of("equity_ratio", "sales_growth")))
        .hasMessageContaining("feature 1 is 'cash_days_on_hand'");

    Files.writeString(dir.resolve("full.onnx"), "tampered");
    assertThatThrownBy(() -> BundleManifest.verify(dir, "cat-1", features))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum mismatch for full.onnx");
    Files.writeString(dir.resolve("full.onnx"), "model bytes");
    Files.delete(dir.resolve("calibration.json"));
    assertThatThrownBy(() -> BundleManifest.verify(dir, "cat-1", features))
        .hasMessageContaining("missing calibration.json");
    Files.writeString(dir.resolve("calibration.json"), "{}");
    Files.writeString(dir.resolve("extra.bin"), "?");
    assertThatThrownBy(() -> BundleManifest.verify(dir, "cat-1", features))
        .hasMessageContaining("not in its manifest: extra.bin");
  }

  @Test
  void treeFollowsXgboostSemantics() {
    // root splits feature 0 at 1.5 (NaN goes right), leaves 10 and 20
    Tree t = new Tree(new int[] {0, -1, -1}, new float[] {1.5f, 0, 0}, new int[] {1, -1, -1},
        new int[] {2, -1, -1}, new boolean[] {false, false, false}, new double[] {0, 10, 20},
        new double[] {100, 60, 40});
    TreeEnsemble e = new TreeEnsemble(1, 0.5, List.of(t));
    assertThat(e.margin(new double[] {1.0})).isEqualTo(10.5);
    assertThat(e.margin(new double[] {1.5})).isEqualTo(20.5);
    assertThat(e.margin(new double[] {Double.NaN})).isEqualTo(20.5);
    // 1.5000001 rounds to 1.5f: the float rounding decides, as in XGBoost
    assertThat(e.margin(new double[] {1.49999999})).isEqualTo(20.5);
    assertThatThrownBy(() -> new TreeEnsemble(1, 0, List.of(new Tree(new int[] {3, -1, -1},
        new float[3], new int[] {1, -1, -1}, new int[] {2, -1, -1}, new boolean[3],
        new double[3], new double[3])))).hasMessageContaining("feature 3 of 1");
  }
}
