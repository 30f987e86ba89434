package dev.yocho.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.gbm.GbmTrainer;
import dev.yocho.training.scorecard.ScorecardConfig;
import dev.yocho.training.scorecard.ScorecardModel;
import dev.yocho.training.scorecard.ScorecardTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both trainers are monotone in every directed feature (DESIGN section 14), on data built to pull
 * the other way: random pairs of rows that differ in one directed feature move the margin in the
 * declared direction or not at all. Without directions the same data give models that break it,
 * so the property is the constraint's doing and not the data's.
 */
class MonotoneModelsTest {
  static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");
  /** a: +1 (true), b: -1 (true), c: free, d: +1 against a true -0.6, e: -1 against a U, f: +1. */
  static final int[] DIRECTIONS = {1, -1, 0, 1, -1, 1};

  /**
   * Default log-odds {@code -2.5 + a - 0.8 b + sin(2c) - 0.6 d + 0.5 e² - 0.7 f} with {@code f =
   * a + noise}: f is riskier on its own (it follows a) but safer given a, the case where a
   * regression's coefficient comes out against its bins. 10% of values missing.
   */
  static LabelledMatrix adversarial(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[rows][NAMES.size()];
    boolean[] y = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 5; j++) {
        double v = random.nextGaussian();
        x[i][j] = j % 2 == 0 ? Math.round(v * 8) / 8.0 : v;
      }
      x[i][5] = x[i][0] + 0.5 * random.nextGaussian();
      double logit = -2.5 + x[i][0] - 0.8 * x[i][1] + Math.sin(2 * x[i][2]) - 0.6 * x[i][3]
          + 0.5 * x[i][4] * x[i][4] - 0.7 * x[i][5];
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      for (int j = 0; j < NAMES.size(); j++) {
        if (random.nextDouble() < 0.10) {
          x[i][j] = Double.NaN;
        }
      }
    }
    return new LabelledMatrix(NAMES, x, y);
  }

  static GbmConfig gbm() {
    return GbmConfig.fromMap(java.util.Map.of("rounds", "60", "maxDepth", "5", "lossGuided",
        "false", "maxLeaves", "0", "learningRate", "0.1", "subsample", "0.8",
        "columnSampleByTree", "0.8", "minChildWeight", "1", "seed", "11"));
  }

  static ScorecardConfig scorecard() {
    return new ScorecardConfig(20, 0.02, 0.5, 5, 0.5, 1, 3);
  }

  @Test
  void gbmMarginMovesInTheDeclaredDirectionOfEveryDirectedFeature() {
    LabelledMatrix train = adversarial(6000, 1);
    TreeEnsemble monotone = new GbmTrainer(gbm(), DIRECTIONS).fit(train).ensemble();
    TreeEnsemble free = new GbmTrainer(gbm()).fit(train).ensemble();
    LabelledMatrix test = adversarial(2000, 2);
    assertThat(violations(monotone, test, 20_000, 3)).isEmpty();
    assertThat(violations(free, test, 20_000, 3)).isNotEmpty();
    // the constrained features are still used where the data allow (a and b agree with the truth)
    assertThat(splitsOn(monotone, 0)).isPositive();
    assertThat(splitsOn(monotone, 1)).isPositive();
  }

  @Test
  void scorecardMarginMovesInTheDeclaredDirectionOfEveryDirectedFeature() {
    LabelledMatrix train = adversarial(6000, 4);
    ScorecardModel monotone = new ScorecardTrainer(scorecard(), DIRECTIONS).fit(train);
    ScorecardModel free = new ScorecardTrainer(scorecard()).fit(train);
    LabelledMatrix test = adversarial(2000, 5);
    assertThat(violations(monotone.toTreeEnsemble(), test, 20_000, 6)).isEmpty();
    assertThat(violations(free.toTreeEnsemble(), test, 20_000, 6)).isNotEmpty();
    for (int j = 0; j < DIRECTIONS.length; j++) {
      if (DIRECTIONS[j] != 0) {
        assertThat(monotone.coefficients()[j]).as(NAMES.get(j)).isGreaterThanOrEqualTo(0);
      }
    }
    // f is riskier on its own but safer given a: its coefficient came out negative and it was
    // left out (the provenance says so)
    assertThat(monotone.coefficients()[5]).isZero();
    assertThat(monotone.provenance().hyperparameters().get("monotone")).contains("[f]");
    assertThat(monotone.coefficients()[0]).isPositive();
  }

  /**
   * Pairs (row, the row with one directed feature set to another row's value or to one of the
   * model's thresholds) whose margin change has the wrong sign, as text.
   */
  static List<String> violations(TreeEnsemble model, LabelledMatrix test, int pairs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Float>> thresholds = new ArrayList<>();
    for (int j = 0; j < NAMES.size(); j++) {
      thresholds.add(new ArrayList<>());
    }
    for (Tree tree : model.trees()) {
      for (int node = 0; node < tree.nodeCount(); node++) {
        if (!tree.isLeaf(node)) {
          thresholds.get(tree.feature()[node]).add(tree.threshold()[node]);
        }
      }
    }
    List<String> wrong = new ArrayList<>();
    double[][] rows = test.rows();
    for (int p = 0; p < pairs; p++) {
      double[] before = rows[random.nextInt(rows.length)];
      int j;
      do {
        j = random.nextInt(NAMES.size());
      } while (DIRECTIONS[j] == 0);
      double value;
      List<Float> cuts = thresholds.get(j);
      if (random.nextBoolean() && !cuts.isEmpty()) {
        value = cuts.get(random.nextInt(cuts.size())); // exactly on a split
      } else {
        value = rows[random.nextInt(rows.length)][j];
      }
      if (Double.isNaN(value) || Double.isNaN(before[j])) {
        continue; // a missing value is not ordered
      }
      double[] after = before.clone();
      after[j] = value;
      int change = Float.compare((float) value, (float) before[j]);
      double delta = model.margin(after) - model.margin(before);
      if (DIRECTIONS[j] * change * Math.signum(delta) < 0) {
        wrong.add(NAMES.get(j) + " " + before[j] + " -> " + value + ": margin " + delta);
      }
    }
    return wrong;
  }

  private static int splitsOn(TreeEnsemble model, int feature) {
    int splits = 0;
    for (Tree tree : model.trees()) {
      for (int node = 0; node < tree.nodeCount(); node++) {
        if (!tree.isLeaf(node) && tree.feature()[node] == feature) {
          splits++;
        }
      }
    }
    return splits;
  }
}
