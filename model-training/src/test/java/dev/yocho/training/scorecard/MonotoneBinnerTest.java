package dev.yocho.training.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonotoneBinnerTest {
  private static final double NAN = Double.NaN;

  @Test
  void handComputedBinsAndWeightsOfEvidence() {
    // Two quantile bins split at 2 and a missing bin; 6 defaults and 4 non-defaults in all, so
    // the baseline log-odds is ln(6/4). With pseudo-count 0.5:
    //   bin [1]: 1 of 4 defaults -> ln(1.5/3.5) - ln(1.5)
    //   bin [2]: 3 of 4 defaults -> ln(3.5/1.5) - ln(1.5)
    //   missing: 2 of 2 defaults -> ln(2.5/0.5) - ln(1.5)
    double[] column = {1, 1, 1, 1, 2, 2, 2, 2, NAN, NAN};
    boolean[] labels = {false, false, false, true, true, true, false, true, true, true};
    FeatureBinning binning =
        new MonotoneBinner(new ScorecardConfig(2, 0.0, 0.5, 1, 0.1, 1, 0)).fit(column, labels);
    assertThat(binning.cuts()).containsExactly(2f);
    assertThat(binning.counts()).containsExactly(4, 4);
    assertThat(binning.positives()).containsExactly(1, 3);
    assertThat(binning.woe()[0]).isCloseTo(Math.log(1.5 / 3.5) - Math.log(1.5), within(1e-12));
    assertThat(binning.woe()[1]).isCloseTo(Math.log(3.5 / 1.5) - Math.log(1.5), within(1e-12));
    assertThat(binning.missingWoe()).isCloseTo(Math.log(2.5 / 0.5) - Math.log(1.5),
        within(1e-12));
    assertThat(binning.missingCount()).isEqualTo(2);
    // The tree rule: a value at the cut is in the upper bin.
    assertThat(binning.bin(1.999)).isZero();
    assertThat(binning.bin(2.0)).isEqualTo(1);
    assertThat(binning.bin(NAN)).isEqualTo(-1);
    assertThat(binning.bin(Double.NEGATIVE_INFINITY)).isEqualTo(-1);
    assertThat(binning.bin(Double.POSITIVE_INFINITY)).isEqualTo(1);
  }

  @Test
  void uShapedRiskIsMergedIntoMonotoneBinsOfAtLeastTheMinimumShare() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 20_000;
    double[] column = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      double x = random.nextDouble() * 10;
      // Mostly rising risk with a dip in the middle: raw quantile bins are not monotone.
      double logit = -3 + 0.4 * x - (x > 4 && x < 6 ? 1.2 : 0);
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      column[i] = random.nextDouble() < 0.05 ? NAN : x;
    }
    ScorecardConfig config = new ScorecardConfig(20, 0.03, 0.5, 1, 0.1, 1, 0);
    FeatureBinning binning = new MonotoneBinner(config).fit(column, labels);
    assertThat(binning.binCount()).isBetween(3, 19);
    long present = 0;
    for (long count : binning.counts()) {
      present += count;
    }
    for (int b = 0; b < binning.binCount(); b++) {
      assertThat(binning.counts()[b]).isGreaterThanOrEqualTo((long) Math.ceil(0.03 * present));
      if (b > 0) {
        assertThat(binning.woe()[b]).isGreaterThan(binning.woe()[b - 1]);
      }
    }
    assertThat(binning.missingCount()).isBetween(800L, 1200L);
  }

  @Test
  void fallingRiskGivesFallingWoe() {
    SplittableRandom random = new SplittableRandom(12);
    int n = 5000;
    double[] column = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      column[i] = random.nextGaussian();
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(2 + 1.5 * column[i]));
    }
    FeatureBinning binning = new MonotoneBinner(ScorecardConfig.defaults()).fit(column, labels);
    assertThat(binning.binCount()).isGreaterThan(4);
    for (int b = 1; b < binning.binCount(); b++) {
      assertThat(binning.woe()[b]).isLessThan(binning.woe()[b - 1]);
    }
    assertThat(binning.missingWoe()).isZero();
  }

  @Test
  void aConstantFeatureIsOneNeutralBin() {
    double[] column = {3, 3, 3, 3};
    boolean[] labels = {true, false, false, false};
    FeatureBinning binning = new MonotoneBinner(ScorecardConfig.defaults()).fit(column, labels);
    assertThat(binning.binCount()).isEqualTo(1);
    assertThat(binning.cuts()).isEmpty();
    assertThat(binning.woe()[0]).isCloseTo(Math.log(1.5 / 3.5) - Math.log(1.0 / 3), within(1e-12));
  }
}
