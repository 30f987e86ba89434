package dev.yocho.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.RandomEnsembles;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselineShapleyTest {

  @Test
  void sumsToTheMarginChangeAndGivesUnchangedFeaturesExactlyZero() {
    TreeEnsemble ensemble = RandomEnsembles.deep(401, 300, 6, 60, -3.3);
    float[][] rows = RandomEnsembles.rows(402, 10_000, 60);
    BaselineShapley shapley = new BaselineShapley(ensemble);
    BaselineShapley.Workspace workspace = shapley.newWorkspace();
    SplittableRandom random = new SplittableRandom(403);
    double[] phi = new double[60];
    double worst = 0;
    int unchangedChecked = 0;
    for (float[] xa : rows) {
      float[] xb = RandomEnsembles.perturb(random, xa, random.nextDouble(0.3));
      shapley.attribute(xa, xb, phi, workspace);
      double sum = 0;
      for (int j = 0; j < 60; j++) {
        sum += phi[j];
        if (Float.compare(xa[j], xb[j]) == 0) { // NaN equals NaN here
          assertThat(Double.doubleToRawLongBits(phi[j])).as("feature %d", j).isZero();
          unchangedChecked++;
        }
      }
      worst = Math.max(worst, Math.abs(sum - (ensemble.margin(xb) - ensemble.margin(xa))));
    }
    assertThat(worst).isLessThanOrEqualTo(1e-6);
    assertThat(unchangedChecked).isGreaterThan(100_000);
  }

  @Test
  void packedMarginIsBitForBitTheEnsembleMargin() {
    // 301 trees: the four-way interleaved walk and its remainder
    TreeEnsemble ensemble = RandomEnsembles.deep(601, 301, 7, 40, -2.9);
    BaselineShapley shapley = new BaselineShapley(ensemble);
    for (float[] x : RandomEnsembles.rows(602, 5_000, 40)) {
      assertThat(Double.doubleToRawLongBits(shapley.margin(x)))
          .isEqualTo(Double.doubleToRawLongBits(ensemble.margin(x)));
    }
  }

  @Test
  void agreesWithBruteForceShapleyOverHybridRows() {
    // 6 features, depth 5: features recur on paths, and up to all 6 features differ
    TreeEnsemble ensemble = RandomEnsembles.deep(501, 10, 5, 6, 0.2);
    float[][] rows = RandomEnsembles.rows(502, 400, 6);
    BaselineShapley shapley = new BaselineShapley(ensemble);
    BaselineShapley.Workspace workspace = shapley.newWorkspace();
    SplittableRandom random = new SplittableRandom(503);
    double[] phi = new double[6];
    for (float[] xa : rows) {
      float[] xb = RandomEnsembles.perturb(random, xa, random.nextDouble());
      shapley.attribute(xa, xb, phi, workspace);
      double[] exact = bruteForce(ensemble, xa, xb);
      for (int j = 0; j < 6; j++) {
        assertThat(phi[j]).as("feature %d", j).isCloseTo(exact[j], within(1e-9));
      }
    }
  }

  @Test
  void splitsAnInteractionEquallyAndRoutesRepeatedSplitsConsistently() {
    // f = 1 if x0 >= 0.5 and x1 >= 0.5, else 0; then a second split on x0 below the first one.
    // From (0, 0) to (1, 1) the symmetric AND game gives each feature 1/2 (Shapley symmetry).
    Tree and =
        new Tree(
            new int[] {0, -1, 1, -1, 0, -1, -1},
            new float[] {0.5f, 0, 0.5f, 0, 0.7f, 0, 0},
            new int[] {1, -1, 3, -1, 5, -1, -1},
            new int[] {2, -1, 4, -1, 6, -1, -1},
            new boolean[] {false, false, false, false, false, false, false},
            new double[] {0, 0, 0, 0, 0, 1, 1},
            new double[] {4, 2, 2, 1, 1, 0.5, 0.5});
    BaselineShapley shapley = new BaselineShapley(new TreeEnsemble(3, 0, List.of(and)));
    assertThat(shapley.attribute(new float[] {0, 0, 5}, new float[] {1, 1, 5}))
        .containsExactly(0.5, 0.5, 0.0);
    // reverse direction: the values change sign
    assertThat(shapley.attribute(new float[] {1, 1, 5}, new float[] {0, 0, 6}))
        .containsExactly(-0.5, -0.5, 0.0);
    // x0 from 0.6 to 0.8 goes the same way at the root but not at the x0 < 0.7 split: with x1
    // staying above 0.5 the leaves carry equal values, so nothing moves
    assertThat(shapley.attribute(new float[] {0.6f, 1, 0}, new float[] {0.8f, 1, 0}))
        .containsExactly(0.0, 0.0, 0.0);
  }

  /** Shapley values over the differing features, v(S) = margin of the hybrid row. */
  static double[] bruteForce(TreeEnsemble ensemble, float[] xa, float[] xb) {
    int f = ensemble.featureCount();
    List<Integer> players = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      if (Float.compare(xa[j], xb[j]) != 0) {
        players.add(j);
      }
    }
    int n = players.size();
    double[] value = new double[1 << n];
    for (int s = 0; s < value.length; s++) {
      float[] hybrid = xa.clone();
      for (int k = 0; k < n; k++) {
        if ((s & (1 << k)) != 0) {
          hybrid[players.get(k)] = xb[players.get(k)];
        }
      }
      value[s] = ensemble.margin(hybrid);
    }
    double[] fact = new double[n + 1];
    fact[0] = 1;
    for (int i = 1; i <= n; i++) {
      fact[i] = fact[i - 1] * i;
    }
    double[] phi = new double[f];
    for (int k = 0; k < n; k++) {
      double sum = 0;
      for (int s = 0; s < value.length; s++) {
        if ((s & (1 << k)) == 0) {
          int size = Integer.bitCount(s);
          sum += fact[size] * fact[n - size - 1] / fact[n] * (value[s | (1 << k)] - value[s]);
        }
      }
      phi[players.get(k)] = sum;
    }
    return phi;
  }
}
