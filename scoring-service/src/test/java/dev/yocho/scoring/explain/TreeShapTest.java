package dev.yocho.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.RandomEnsembles;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeShapTest {

  @Test
  void expectedValuePlusContributionsIsTheMargin() {
    TreeEnsemble ensemble = RandomEnsembles.deep(101, 30, 6, 20, -3.3);
    float[][] rows = RandomEnsembles.rows(102, 10_000, 20);
    TreeShap shap = new TreeShap(ensemble);
    TreeShap.Workspace workspace = shap.newWorkspace();
    double[] phi = new double[20];
    double worst = 0;
    for (float[] row : rows) {
      double sum = shap.shap(row, phi, workspace);
      for (double p : phi) {
        sum += p;
      }
      worst = Math.max(worst, Math.abs(sum - ensemble.margin(row)));
    }
    assertThat(worst).isLessThanOrEqualTo(1e-9);
  }

  @Test
  void agreesWithExactShapleyValuesOfTheConditionalExpectationGame() {
    // 5 features and depth 5: most paths split on some feature more than once
    TreeEnsemble ensemble = RandomEnsembles.deep(201, 8, 5, 5, 0.7);
    float[][] rows = RandomEnsembles.rows(202, 300, 5);
    TreeShap shap = new TreeShap(ensemble);
    TreeShap.Workspace workspace = shap.newWorkspace();
    double[] phi = new double[5];
    for (float[] row : rows) {
      double phi0 = shap.shap(row, phi, workspace);
      double[] exact = bruteForceShapley(ensemble, row);
      assertThat(phi0).isCloseTo(conditionalExpectation(ensemble, row, 0), within(1e-12));
      for (int j = 0; j < 5; j++) {
        assertThat(phi[j]).as("feature %d", j).isCloseTo(exact[j], within(1e-9));
      }
    }
  }

  @Test
  void agreesWithAlgorithm2OnDeepTreesWithRepeatedFeaturesAndZeroCovers() {
    TreeEnsemble ensemble = RandomEnsembles.deep(601, 20, 8, 6, -1.0);
    // zero out some leaf covers (and their parents' sums) so that zero-cover branches occur
    List<Tree> trees = new java.util.ArrayList<>();
    for (Tree t : ensemble.trees()) {
      double[] cover = t.cover().clone();
      for (int i = t.nodeCount() - 1; i >= 0; i--) {
        if (t.isLeaf(i)) {
          cover[i] = (i % 7 == 0) ? 0.0 : cover[i];
        } else {
          cover[i] = cover[t.left()[i]] + cover[t.right()[i]];
        }
      }
      trees.add(new Tree(t.feature(), t.threshold(), t.left(), t.right(), t.defaultLeft(),
          t.value(), cover));
    }
    ensemble = new TreeEnsemble(6, -1.0, trees);
    TreeShap fast = new TreeShap(ensemble);
    Algorithm2TreeShap reference = new Algorithm2TreeShap(ensemble);
    TreeShap.Workspace fastWorkspace = fast.newWorkspace();
    Algorithm2TreeShap.Workspace referenceWorkspace = reference.newWorkspace();
    double[] phi = new double[6];
    double[] expected = new double[6];
    double worst = 0;
    for (float[] row : RandomEnsembles.rows(602, 500, 6)) {
      assertThat(fast.shap(row, phi, fastWorkspace))
          .isCloseTo(reference.shap(row, expected, referenceWorkspace), within(1e-12));
      for (int j = 0; j < 6; j++) {
        worst = Math.max(worst, Math.abs(phi[j] - expected[j]));
      }
    }
    assertThat(worst).isLessThanOrEqualTo(1e-9);
  }

  @Test
  void stumpHasClosedFormValues() {
    // x0 < 0.5 → 1.0 (cover 3), else 5.0 (cover 1): E[f] = (3·1 + 1·5) / 4 = 2, so a row going
    // left gets φ_0 = 2 and φ_x0 = 1 − 2 = −1; the unused feature x1 gets exactly 0
    Tree stump =
        new Tree(
            new int[] {0, -1, -1}, new float[] {0.5f, 0, 0}, new int[] {1, -1, -1},
            new int[] {2, -1, -1}, new boolean[] {false, false, false},
            new double[] {0, 1, 5}, new double[] {4, 3, 1});
    TreeShap shap = new TreeShap(new TreeEnsemble(2, 0.5, List.of(stump)));
    ShapValues left = shap.shap(new float[] {0.1f, 9});
    assertThat(left.expectedValue()).isEqualTo(2.5);
    assertThat(left.contributions()).containsExactly(-1.0, 0.0);
    ShapValues missing = shap.shap(new float[] {Float.NaN, 9}); // NaN goes right by default
    assertThat(missing.contributions()).containsExactly(3.0, 0.0);
    assertThat(missing.margin()).isEqualTo(5.5);
  }

  @Test
  void workspaceIsReusableAcrossRowsAndEnsembles() {
    TreeEnsemble ensemble = RandomEnsembles.deep(301, 20, 6, 8, 0);
    TreeShap shap = new TreeShap(ensemble);
    float[][] rows = RandomEnsembles.rows(302, 50, 8);
    TreeShap.Workspace workspace = shap.newWorkspace();
    for (float[] row : rows) {
      double[] phi = new double[8];
      double phi0 = shap.shap(row, phi, workspace);
      ShapValues fresh = shap.shap(row);
      assertThat(phi0).isEqualTo(fresh.expectedValue());
      assertThat(phi).containsExactly(fresh.contributions());
    }
  }

  /** Shapley values by enumerating all 2^F coalitions of v(S) = E[f(x) | x_S] (Algorithm 1). */
  static double[] bruteForceShapley(TreeEnsemble ensemble, float[] x) {
    int f = ensemble.featureCount();
    double[] value = new double[1 << f];
    for (int s = 0; s < value.length; s++) {
      value[s] = conditionalExpectation(ensemble, x, s);
    }
    double[] fact = new double[f + 1];
    fact[0] = 1;
    for (int i = 1; i <= f; i++) {
      fact[i] = fact[i - 1] * i;
    }
    double[] phi = new double[f];
    for (int j = 0; j < f; j++) {
      for (int s = 0; s < value.length; s++) {
        if ((s & (1 << j)) == 0) {
          int size = Integer.bitCount(s);
          phi[j] += fact[size] * fact[f - size - 1] / fact[f] * (value[s | (1 << j)] - value[s]);
        }
      }
    }
    return phi;
  }

  /** E[f(x) | x_S] with unknown features averaged over children by cover. */
  static double conditionalExpectation(TreeEnsemble ensemble, float[] x, int coalition) {
    double sum = ensemble.baseMargin();
    for (Tree tree : ensemble.trees()) {
      sum += expectation(tree, x, coalition, 0);
    }
    return sum;
  }

  private static double expectation(Tree tree, float[] x, int coalition, int node) {
    if (tree.isLeaf(node)) {
      return tree.value()[node];
    }
    if ((coalition & (1 << tree.feature()[node])) != 0) {
      return expectation(tree, x, coalition, tree.next(node, x));
    }
    int l = tree.left()[node];
    int r = tree.right()[node];
    double cl = tree.cover()[l];
    double cr = tree.cover()[r];
    return (cl * expectation(tree, x, coalition, l) + cr * expectation(tree, x, coalition, r))
        / (cl + cr);
  }
}
