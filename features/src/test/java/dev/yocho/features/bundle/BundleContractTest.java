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
  void isotonicKnotsArePooledAdjacentViolatorsInLogOdds() {
    // textbook PAV example: labels 1,0,1,0,0,1,1 on increasing margins pool into the blocks
    // [1,0,1,0,0] and [1,1]; with 1 pseudo-observation at 0.5 each: rates 2.5/6 and 2.5/3, knots at
    // the blocks' mean margins 3 and 6.5. Their segment's slope, ln(5) - ln(5/7) over 3.5 = 0.556,
    // is under a bound of 1.25, so nothing more is pooled.
    double[] m = {1, 2, 3, 4, 5, 6, 7};
    boolean[] y = {true, false, true, false, false, true, true};
    Calibration c = Calibration.fitIsotonic(m, y, 0.5, 1, 1.25);
    assertThat(c.margins()).containsExactly(3.0, 6.5);
    assertThat(c.logits()[0]).isCloseTo(Math.log(2.5 / 3.5), within(1e-12));
    assertThat(c.logits()[1]).isCloseTo(Math.log(2.5 / 0.5), within(1e-12));
    assertThat(c.pd(4.75)).isCloseTo(
        1 / (1 + Math.exp(-(c.logits()[0] + c.logits()[1]) / 2)), within(1e-12));
    // beyond the knots the log-odds go on rising at the tail slopes instead of staying flat
    assertThat(c.logit(100)).isCloseTo(c.logits()[1] + c.upperSlope() * 93.5, within(1e-9));
    assertThat(c.logit(-100)).isCloseTo(c.logits()[0] - c.lowerSlope() * 103, within(1e-9));
    assertThat(c.pd(8)).isGreaterThan(c.pd(6.5));

    // a bound of 0.3 is below that slope: the two blocks are pooled into one knot
    Calibration tight = Calibration.fitIsotonic(m, y, 0.5, 1, 0.3);
    assertThat(tight.margins()).containsExactly(4.0);
    assertThat(tight.logits()[0]).isCloseTo(Math.log(4.5 / 3.5), within(1e-12));
    assertThat(tight.upperSlope()).isLessThanOrEqualTo(0.3);
  }

  /** Held-out margins and labels whose isotonic fit has many steep steps (few defaults, noise). */
  private static Calibration steppy(long seed, double maxSlope) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 20_000;
    double[] margins = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      // coarse margins (ties) and a true slope of 0.8 around a 1.5% default rate
      margins[i] = Math.round((r.nextGaussian() * 1.6 - 5) * 20) / 20.0;
      labels[i] = r.nextDouble() < 1 / (1 + Math.exp(-(0.8 * margins[i] - 0.3)));
    }
    return Calibration.fitIsotonic(margins, labels, 0.015, 2, maxSlope);
  }

  @Test
  void calibrationIsStrictlyIncreasingContinuousAndWithinItsSlopeBound() {
    for (long seed = 1; seed <= 5; seed++) {
      Calibration c = steppy(seed, Calibration.DEFAULT_MAX_SLOPE);
      assertThat(c.margins().length).as("knots").isGreaterThan(3);
      assertThat(c.maxSlope()).isEqualTo(1.25);
      // strictly increasing on a fine grid, through the knots and far beyond both ends
      double previous = Double.NEGATIVE_INFINITY;
      for (double x = -30; x <= 10; x += 0.001) {
        double l = c.logit(x);
        assertThat(l).as("logit at %s", x).isGreaterThan(previous);
        previous = l;
      }
      // continuous: at every knot the values just left and right agree within the slope bound
      for (double knot : c.margins()) {
        double eps = 1e-9;
        assertThat(Math.abs(c.logit(knot + eps) - c.logit(knot - eps)))
            .isLessThanOrEqualTo(2 * eps * c.maxSlope() * (1 + 1e-6));
      }
      // Lipschitz: |Δ logit| <= maxSlope × |Δ margin| on random pairs, near and far
      SplittableRandom r = new SplittableRandom(seed + 100);
      for (int k = 0; k < 100_000; k++) {
        double a = -14 + 16 * r.nextDouble();
        double b = k % 2 == 0 ? a + (r.nextDouble() - 0.5) : -14 + 16 * r.nextDouble();
        assertThat(Math.abs(c.logit(b) - c.logit(a)))
            .isLessThanOrEqualTo(c.maxSlope() * Math.abs(b - a) * (1 + 1e-9) + 1e-12);
      }
    }
  }

  @Test
  void aMarginChangeBelowOneHalfNeverMovesTwoNotchesOnTheMasterScale() {
    MasterScale scale = MasterScale.standard();
    int twoNotch = 0;
    for (long seed = 1; seed <= 5; seed++) {
      Calibration c = steppy(seed, Calibration.DEFAULT_MAX_SLOPE);
      // every margin on a fine grid against the margin 0.4999 higher, and random pairs
      for (double x = -25; x <= 12; x += 0.0005) {
        int from = scale.gradeNumber(scale.floored(c.pd(x)));
        int to = scale.gradeNumber(scale.floored(c.pd(x + 0.4999)));
        assertThat(to - from).as("margin %s -> %s", x, x + 0.4999).isBetween(0, 1);
      }
      // an unbounded fit of the same data has steps that do (the bound is what prevents it)
      Calibration unbounded = steppy(seed, 1e6);
      for (double x = -25; x <= 12; x += 0.0005) {
        if (scale.gradeNumber(scale.floored(unbounded.pd(x + 0.4999)))
            - scale.gradeNumber(scale.floored(unbounded.pd(x))) >= 2) {
          twoNotch++;
        }
      }
    }
    assertThat(twoNotch).isPositive();
  }

  @Test
  void anchoringMovesTheLevelInLogOddsAndKeepsTheShape() {
    Calibration c = new Calibration(new double[] {-5, -3, -1}, new double[] {-6, -4.5, -2},
        0.5, 0.7, 1.25);
    double[] sample = {-5, -4, -3, -2, -1, -3, -3, 2};
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
    double delta = anchored.logits()[0] - c.logits()[0];
    assertThat(delta).isNegative();
    for (int i = 0; i < 3; i++) {
      assertThat(anchored.logits()[i] - c.logits()[i]).isCloseTo(delta, within(1e-12));
    }
    assertThat(anchored.lowerSlope()).isEqualTo(0.5);
    assertThat(anchored.upperSlope()).isEqualTo(0.7);
    assertThat(c.shifted(0.0)).isEqualTo(c);
    assertThatThrownBy(() -> c.anchoredTo(sample, 0.0)).hasMessageContaining("(0, 1)");
    assertThatThrownBy(() -> c.anchoredTo(new double[0], 0.1))
        .hasMessageContaining("at least one margin");
  }

  @Test
  void calibrationFileRoundTripsAndTheEarlierStepFormatIsRefused() throws Exception {
    Calibration c = steppy(9, Calibration.DEFAULT_MAX_SLOPE);
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String text = json.writeValueAsString(c.toJson());
    assertThat(text).contains("\"format\":\"" + Calibration.FORMAT + "\"")
        .contains("\"max_slope\":1.25");
    assertThat(Calibration.fromJson(json.readTree(text))).isEqualTo(c);
    assertThatThrownBy(() -> Calibration.fromJson(
        json.readTree("{\"margins\":[-3,-1],\"pds\":[0.01,0.2]}")))
        .hasMessageContaining("earlier bundle format").hasMessageContaining("retrain");
    assertThatThrownBy(() -> Calibration.fromJson(json.readTree("{\"format\":\"x\"}")))
        .hasMessageContaining("unknown calibration format 'x'");
    // a steeper segment than the bound, a flat one and a bad tail are refused by name
    assertThatThrownBy(() -> new Calibration(new double[] {0, 1}, new double[] {-5, -3}, 1, 1,
        1.25)).hasMessageContaining("slope 2.0");
    assertThatThrownBy(() -> new Calibration(new double[] {0, 1}, new double[] {-5, -5}, 1, 1,
        1.25)).hasMessageContaining("increase strictly");
    assertThatThrownBy(() -> new Calibration(new double[] {0}, new double[] {-5}, 0, 1, 1.25))
        .hasMessageContaining("lower tail");
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
