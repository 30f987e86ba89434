package dev.yocho.training.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.metrics.Auc;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

class ScorecardTrainerTest {
  static final List<String> NAMES = List.of("leverage", "margin", "inquiries", "age", "noise");

  static LabelledMatrix synthetic(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[rows][NAMES.size()];
    boolean[] y = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      x[i][0] = random.nextGaussian() * 0.5 + 1;
      x[i][1] = random.nextGaussian() * 0.1;
      x[i][2] = Math.floor(-Math.log(random.nextDouble()) * 2);
      x[i][3] = Math.floor(random.nextDouble() * 40);
      x[i][4] = random.nextGaussian();
      double logit = -3 + 1.5 * x[i][0] - 8 * x[i][1] + 0.3 * x[i][2] - 0.03 * x[i][3];
      for (int j = 0; j < NAMES.size(); j++) {
        if (random.nextDouble() < 0.1) {
          x[i][j] = Double.NaN;
        }
      }
      if (Double.isNaN(x[i][1])) {
        logit += 1.0;
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    return new LabelledMatrix(NAMES, x, y);
  }

  static ScorecardConfig quick() {
    return new ScorecardConfig(20, 0.02, 0.5, 5, 0.5, 1, 3);
  }

  @Test
  void treeEnsembleMarginEqualsScorecardMarginOnTenThousandRows() {
    ScorecardModel model = new ScorecardTrainer(quick()).fit(synthetic(3000, 1));
    TreeEnsemble ensemble = model.toTreeEnsemble();
    assertThat(ensemble.trees()).hasSize(NAMES.size());
    assertThat(ensemble.baseMargin()).isEqualTo(model.intercept());
    double[][] rows = synthetic(10_000, 2).rows();
    // Rows sitting exactly on every cut point, on both sides of the missing split, and at -inf.
    for (int j = 0; j < NAMES.size(); j++) {
      for (float cut : model.binnings().get(j).cuts()) {
        rows[(int) (Math.abs(cut * 7919)) % rows.length][j] = cut;
      }
      rows[j][j] = -Float.MAX_VALUE;
      rows[j + 10][j] = Double.NEGATIVE_INFINITY;
    }
    int withMissing = 0;
    for (double[] row : rows) {
      assertThat(ensemble.margin(row)).isCloseTo(model.margin(row), within(1e-9));
      for (double v : row) {
        if (Double.isNaN(v)) {
          withMissing++;
          break;
        }
      }
    }
    assertThat(withMissing).isGreaterThan(3000);
  }

  @Test
  void eachTreeIsItsFeaturesAdditiveContribution() {
    ScorecardModel model = new ScorecardTrainer(quick()).fit(synthetic(2000, 3));
    TreeEnsemble ensemble = model.toTreeEnsemble();
    double[][] rows = synthetic(500, 4).rows();
    for (double[] row : rows) {
      float[] x = TreeEnsemble.toFloat(row);
      for (int j = 0; j < NAMES.size(); j++) {
        Tree tree = ensemble.trees().get(j);
        for (int node = 0; node < tree.nodeCount(); node++) {
          if (!tree.isLeaf(node)) {
            assertThat(tree.feature()[node]).isEqualTo(j);
          }
        }
        assertThat(tree.predict(x)).isEqualTo(model.contribution(j, row[j]));
      }
    }
    // Covers are row counts: the root holds every training row, children add up.
    Tree first = ensemble.trees().get(0);
    assertThat(first.cover()[0]).isEqualTo(2000.0);
    for (int node = 0; node < first.nodeCount(); node++) {
      if (!first.isLeaf(node)) {
        assertThat(first.cover()[first.left()[node]] + first.cover()[first.right()[node]])
            .isEqualTo(first.cover()[node]);
      }
    }
  }

  @Test
  void scorecardMarginIsTribuosLogOdds() {
    LabelledMatrix train = synthetic(2000, 5);
    ScorecardTrainer.Fitted fitted = new ScorecardTrainer(quick()).fitWithTribuoModel(train);
    ScorecardModel model = fitted.scorecard();
    LabelledMatrix test = synthetic(300, 6);
    for (double[] row : test.rows()) {
      double[] woe = ScorecardTrainer.woeRow(model.binnings(), row);
      Prediction<Label> prediction = fitted.tribuoModel().predict(
          ScorecardTrainer.example(ScorecardTrainer.NO_DEFAULT, fitted.woeNames(), woe));
      Map<String, Label> scores = prediction.getOutputScores();
      double tribuoLogOdds = Math.log(scores.get("default").getScore()
          / scores.get("no-default").getScore());
      assertThat(model.margin(row)).isCloseTo(tribuoLogOdds, within(1e-8));
    }
  }

  @Test
  void discriminatesAndRecordsItsProvenance() {
    ScorecardModel model = new ScorecardTrainer(quick()).fit(synthetic(4000, 7));
    LabelledMatrix test = synthetic(4000, 8);
    double[] scores = new double[test.rowCount()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = model.margin(test.rows()[i]);
    }
    assertThat(Auc.of(scores, test.labels())).isGreaterThan(0.75);
    // Risk rises with leverage: a positive coefficient on a rising WoE.
    assertThat(model.coefficients()[0]).isPositive();
    assertThat(model.provenance().library()).isEqualTo("tribuo 4.3.2");
    assertThat(model.provenance().trainer()).contains("LinearSGDTrainer");
    assertThat(model.provenance().hyperparameters()).containsEntry("epochs", "5")
        .containsEntry("seed", "3");
  }

  @Test
  void sameSeedSameScorecard() {
    LabelledMatrix train = synthetic(1000, 9);
    assertThat(new ScorecardTrainer(quick()).fit(train))
        .isEqualTo(new ScorecardTrainer(quick()).fit(train));
  }
}
