package dev.yocho.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.gbm.GbmTrainer;
import dev.yocho.training.gbm.XgboostTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.junit.jupiter.api.Test;

/**
 * yocho's path-dependent TreeSHAP agrees with XGBoost's own {@code predictContrib} (its C++
 * TreeSHAP) within 1e-4 on 10,000 rows, for a booster trained by the real trainer and converted to
 * the bundle's tree structure. xgboost4j and the trainer are test-scope dependencies only: the
 * service itself never sees them (the enforcer bans them from compile and runtime scope).
 */
class XgboostContribTest {
  private static final int FEATURES = 24;

  @Test
  void treeShapMatchesXgboostPredictContribOnTenThousandRows() throws Exception {
    SplittableRandom random = new SplittableRandom(17);
    double[][] train = rows(random, 6_000);
    boolean[] labels = new boolean[train.length];
    for (int i = 0; i < train.length; i++) {
      double z = -2.5 + 0.9 * nz(train[i][0]) - 0.7 * nz(train[i][3]) + 0.5 * nz(train[i][7])
          * nz(train[i][1]) + (Double.isNaN(train[i][5]) ? 0.8 : 0);
      labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z));
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < FEATURES; j++) {
      names.add("f" + j);
    }
    GbmConfig config = GbmConfig.defaults().withRounds(80).withSeed(3).withThreads(1);
    Booster booster = new GbmTrainer(config).trainBooster(new LabelledMatrix(names, train, labels));
    try {
      TreeEnsemble ensemble = XgboostTrees.fromJson(booster.toByteArray("json"), FEATURES);
      double[][] test = rows(random, 10_000);
      float[] flat = new float[test.length * FEATURES];
      for (int i = 0; i < test.length; i++) {
        for (int j = 0; j < FEATURES; j++) {
          flat[i * FEATURES + j] = (float) test[i][j];
        }
      }
      DMatrix matrix = new DMatrix(flat, test.length, FEATURES, Float.NaN);
      float[][] contributions;
      try {
        contributions = booster.predictContrib(matrix, 0);
      } finally {
        matrix.dispose();
      }
      TreeShap shap = new TreeShap(ensemble);
      TreeShap.Workspace workspace = shap.newWorkspace();
      double[] phi = new double[FEATURES];
      double worst = 0;
      for (int i = 0; i < test.length; i++) {
        float[] x = TreeEnsemble.toFloat(test[i]);
        double phi0 = shap.shap(x, phi, workspace);
        for (int j = 0; j < FEATURES; j++) {
          worst = Math.max(worst, Math.abs(phi[j] - contributions[i][j]));
        }
        // XGBoost's last column is the bias: the expected margin
        worst = Math.max(worst, Math.abs(phi0 - contributions[i][FEATURES]));
      }
      assertThat(worst).as("largest |yocho − XGBoost| contribution").isLessThan(1e-4);
    } finally {
      booster.dispose();
    }
  }

  private static double nz(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static double[][] rows(SplittableRandom random, int n) {
    double[][] rows = new double[n][FEATURES];
    for (double[] row : rows) {
      for (int j = 0; j < FEATURES; j++) {
        row[j] = random.nextDouble() < 0.08 ? Double.NaN
            : (j % 3 == 0 ? Math.floor(random.nextDouble() * 6) : random.nextGaussian());
      }
    }
    return rows;
  }
}
