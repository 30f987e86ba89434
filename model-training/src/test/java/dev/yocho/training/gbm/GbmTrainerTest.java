package dev.yocho.training.gbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.metrics.Auc;
import java.util.List;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

class GbmTrainerTest {
  static final List<String> NAMES = List.of("a", "b", "c", "d", "e", "f");

  /** A nonlinear default model with 15% missing values per feature (seeded). */
  static LabelledMatrix synthetic(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] x = new double[rows][NAMES.size()];
    boolean[] y = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < NAMES.size(); j++) {
        // Coarse values on some columns so that rows sit exactly on split thresholds.
        double v = random.nextGaussian();
        x[i][j] = j % 2 == 0 ? Math.round(v * 4) / 4.0 : v * 1000;
      }
      double logit = -2.5 + 1.2 * x[i][0] - 0.001 * x[i][1] + (x[i][2] > 0.5 ? 1.0 : -0.5)
          + 0.8 * x[i][3] / 1000 * x[i][4];
      for (int j = 0; j < NAMES.size(); j++) {
        if (random.nextDouble() < 0.15) {
          x[i][j] = Double.NaN;
        }
      }
      if (Double.isNaN(x[i][5])) {
        logit += 0.7; // missingness itself carries risk
      }
      y[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    return new LabelledMatrix(NAMES, x, y);
  }

  static GbmConfig small() {
    return new GbmConfig(80, 5, false, 0, 0.1, 0.8, 0.8, 1.0, 1.0, 1.0, 0.0, 0.0, 64, true, 1, 7);
  }

  @Test
  void ensembleMarginEqualsXgboostOutputMarginOnTenThousandRowsWithMissingValues()
      throws Exception {
    LabelledMatrix train = synthetic(4000, 1);
    LabelledMatrix test = synthetic(10_000, 2);
    GbmTrainer trainer = new GbmTrainer(small());
    Booster booster = trainer.trainBooster(train);
    try {
      TreeEnsemble ensemble = XgboostTrees.fromJson(booster.toByteArray("json"), NAMES.size());
      assertThat(ensemble.trees()).hasSize(80);
      // The base score was the training default rate, so the offset is its logit (not 0).
      double rate = (double) train.positives() / train.rowCount();
      assertThat(ensemble.baseMargin()).isCloseTo(Math.log(rate / (1 - rate)),
          org.assertj.core.data.Offset.offset(1e-6));

      double[][] rows = withRowsOnThresholds(test.rows(), ensemble);
      DMatrix matrix = GbmTrainer.toDMatrix(rows, NAMES.size());
      float[][] margins;
      try {
        margins = booster.predict(matrix, true);
      } finally {
        matrix.dispose();
      }
      int nanRows = 0;
      for (int i = 0; i < rows.length; i++) {
        assertThat(ensemble.margin(rows[i]))
            .as("row %d", i)
            .isCloseTo(margins[i][0], org.assertj.core.data.Offset.offset(1e-5));
        for (double v : rows[i]) {
          if (Double.isNaN(v)) {
            nanRows++;
            break;
          }
        }
      }
      assertThat(rows.length).isGreaterThanOrEqualTo(10_000);
      assertThat(nanRows).isGreaterThan(5000);
    } finally {
      booster.dispose();
    }
  }

  /** The test rows plus, per split of the first trees, a row whose feature equals the threshold. */
  private static double[][] withRowsOnThresholds(double[][] rows, TreeEnsemble ensemble) {
    java.util.List<double[]> all = new java.util.ArrayList<>(java.util.Arrays.asList(rows));
    for (int t = 0; t < 10; t++) {
      Tree tree = ensemble.trees().get(t);
      for (int node = 0; node < tree.nodeCount(); node++) {
        if (!tree.isLeaf(node)) {
          double[] row = rows[node].clone();
          row[tree.feature()[node]] = tree.threshold()[node];
          all.add(row);
        }
      }
    }
    return all.toArray(new double[0][]);
  }

  @Test
  void coversAreHessianMassAndTheFitDiscriminates() {
    LabelledMatrix train = synthetic(3000, 3);
    GbmModel model = new GbmTrainer(small().withRounds(30)).fit(train);
    Tree first = model.ensemble().trees().get(0);
    // Root cover is the hessian sum p(1-p) over the subsample at the base rate, about 0.8 * n.
    double rate = (double) train.positives() / train.rowCount();
    assertThat(first.cover()[0]).isCloseTo(0.8 * train.rowCount() * rate * (1 - rate),
        org.assertj.core.data.Percentage.withPercentage(5));
    for (int node = 0; node < first.nodeCount(); node++) {
      if (!first.isLeaf(node)) {
        assertThat(first.cover()[first.left()[node]] + first.cover()[first.right()[node]])
            .isCloseTo(first.cover()[node], org.assertj.core.data.Offset.offset(1e-3));
      }
    }
    LabelledMatrix test = synthetic(3000, 4);
    double[] scores = new double[test.rowCount()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = model.margin(test.rows()[i]);
    }
    assertThat(Auc.of(scores, test.labels())).isGreaterThan(0.75);
    assertThat(model.provenance().hyperparameters()).containsEntry("rounds", "30")
        .containsKey("baseScore");
    assertThat(model.provenance().library()).startsWith("xgboost4j 1.");
  }

  @Test
  void lossGuidedTreesRespectTheLeafLimitAndStillMatchXgboost() throws Exception {
    LabelledMatrix train = synthetic(2000, 8);
    GbmConfig config = new GbmConfig(25, 10, true, 5, 0.1, 1.0, 1.0, 1.0, 0.2, 0.0, 0.0, 0.0, 64,
        true, 1, 3);
    Booster booster = new GbmTrainer(config).trainBooster(train);
    try {
      TreeEnsemble ensemble = XgboostTrees.fromJson(booster.toByteArray("json"), NAMES.size());
      int deepest = 0;
      for (Tree tree : ensemble.trees()) {
        int leaves = 0;
        for (int node = 0; node < tree.nodeCount(); node++) {
          leaves += tree.isLeaf(node) ? 1 : 0;
        }
        assertThat(leaves).isBetween(2, 5);
        deepest = Math.max(deepest, tree.maxDepth());
      }
      // Best-first growth makes lopsided trees: deeper than a balanced tree of 5 leaves (depth 3).
      assertThat(deepest).isGreaterThanOrEqualTo(3);
      LabelledMatrix test = synthetic(2000, 9);
      DMatrix matrix = GbmTrainer.toDMatrix(test.rows(), NAMES.size());
      try {
        float[][] margins = booster.predict(matrix, true);
        for (int i = 0; i < test.rowCount(); i++) {
          assertThat(ensemble.margin(test.rows()[i]))
              .isCloseTo(margins[i][0], org.assertj.core.data.Offset.offset(1e-5));
        }
      } finally {
        matrix.dispose();
      }
    } finally {
      booster.dispose();
    }
  }

  @Test
  void sameSeedSameTrees() {
    LabelledMatrix train = synthetic(1500, 5);
    GbmConfig config = small().withRounds(15);
    assertThat(new GbmTrainer(config).fit(train).ensemble())
        .isEqualTo(new GbmTrainer(config).fit(train).ensemble());
    assertThat(new GbmTrainer(config.withSeed(8)).fit(train).ensemble())
        .isNotEqualTo(new GbmTrainer(config).fit(train).ensemble());
  }

  @Test
  void refusesASingleClass() {
    LabelledMatrix train = synthetic(200, 6);
    boolean[] none = new boolean[train.rowCount()];
    assertThatThrownBy(() -> new GbmTrainer(small()).fit(
        new LabelledMatrix(NAMES, train.rows(), none)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 positives in 200 rows");
  }
}
