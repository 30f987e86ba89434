package dev.yocho.scoring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.scoring.testing.GoldenUniverse;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer's copy of a bundle is the same model: XGBoost (xgboost4j, test scope) loads the JSON
 * written by {@link XgboostModelFile} and predicts the bundle's margins, and reads the CSV rows
 * back as the same floats. The golden GBM's trees are depth first (right children far from their
 * left siblings), which XGBoost's predictor would misroute without the renumbering.
 */
class XgboostModelFileTest {
  @TempDir Path dir;

  @Test
  void xgboostPredictsTheBundleMarginsFromTheWrittenModel() throws Exception {
    TreeEnsemble ensemble =
        TreeEnsembleJson.read(GoldenUniverse.bundle(GoldenUniverse.GBM).resolve("full.trees.json"));
    assertThat(ensemble.trees().stream().anyMatch(XgboostModelFileTest::hasDistantSiblings))
        .as("the fixture exercises the renumbering").isTrue();
    int f = ensemble.featureCount();
    int n = 2_000;
    float[] rows = rowsThroughTheSplits(ensemble, n, new SplittableRandom(5));
    Path model = dir.resolve("model.json");
    XgboostModelFile.writeModel(ensemble, model);

    Booster booster;
    try (InputStream in = Files.newInputStream(model)) {
      booster = XGBoost.loadModel(in);
    }
    DMatrix matrix = new DMatrix(rows, n, f, Float.NaN);
    try {
      float[][] margins = booster.predict(matrix, true, 0);
      double worst = 0;
      float[] x = new float[f];
      for (int i = 0; i < n; i++) {
        System.arraycopy(rows, i * f, x, 0, f);
        worst = Math.max(worst, Math.abs(margins[i][0] - ensemble.margin(x)));
      }
      // XGBoost sums in float: the bundle's double margin differs by float rounding only
      assertThat(worst).as("largest |XGBoost − bundle| margin").isLessThan(1e-4);
    } finally {
      matrix.dispose();
      booster.dispose();
    }
  }

  @Test
  void csvRowsReadBackAsTheSameFloatsWithNaNAsEmpty() throws Exception {
    float[] rows = {1.5f, Float.NaN, -0.1f, 3.4028235e38f, 1e-7f, 0f};
    Path csv = dir.resolve("rows.csv");
    XgboostModelFile.writeRows(rows, 2, 3, csv);
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo("f0,f1,f2");
    assertThat(lines.get(1)).isEqualTo("1.5,,-0.1");
    String[] second = lines.get(2).split(",", -1);
    for (int j = 0; j < 3; j++) {
      assertThat(Float.parseFloat(second[j])).isEqualTo(rows[3 + j]);
    }
  }

  private static boolean hasDistantSiblings(Tree tree) {
    for (int i = 0; i < tree.nodeCount(); i++) {
      if (!tree.isLeaf(i) && tree.right()[i] != tree.left()[i] + 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Rows whose values sit on both sides of the thresholds the trees use (so that every branch is
   * taken), with some missing values.
   */
  private static float[] rowsThroughTheSplits(TreeEnsemble ensemble, int n, SplittableRandom r) {
    int f = ensemble.featureCount();
    float[][] thresholds = new float[f][];
    java.util.Map<Integer, java.util.List<Float>> byFeature = new java.util.HashMap<>();
    for (Tree t : ensemble.trees()) {
      for (int i = 0; i < t.nodeCount(); i++) {
        if (!t.isLeaf(i)) {
          byFeature.computeIfAbsent(t.feature()[i], k -> new java.util.ArrayList<>())
              .add(t.threshold()[i]);
        }
      }
    }
    for (int j = 0; j < f; j++) {
      List<Float> ts = byFeature.getOrDefault(j, List.of(0f));
      thresholds[j] = new float[ts.size()];
      for (int k = 0; k < ts.size(); k++) {
        thresholds[j][k] = ts.get(k);
      }
    }
    float[] rows = new float[n * f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        float t = thresholds[j][r.nextInt(thresholds[j].length)];
        rows[i * f + j] = r.nextInt(20) == 0 ? Float.NaN
            : r.nextBoolean() ? t : t + (float) (r.nextGaussian() * Math.max(1e-3, Math.abs(t)));
      }
    }
    return rows;
  }
}
