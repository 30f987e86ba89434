package dev.yocho.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.RandomEnsembles;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Round trip TreeEnsemble → ONNX bytes → ONNX Runtime 1.28 against {@link TreeEnsemble#margin}, the
 * reference semantics (float rounding, {@code x < threshold} left, NaN to the default child).
 */
class TreeEnsembleOnnxWriterTest {
  private static final double TOLERANCE = 1e-5;

  @Test
  void deepRandomEnsembleMatchesTheReferenceMargin() throws OrtException {
    TreeEnsemble ensemble = RandomEnsembles.deep(11, 300, 6, 60, -3.7);
    float[][] rows = RandomEnsembles.rows(12, 10_000, 60);
    Precision p = compare(ensemble, rows);
    System.out.printf(
        "deep 300x6x60: max |ORT - margin| = %.3g, max |ORT - float-emulated sum| = %.3g%n",
        p.maxError, p.maxErrorVsFloatSum);
    assertThat(p.maxError).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void scorecardTreesMatchTheReferenceMargin() throws OrtException {
    TreeEnsemble ensemble = RandomEnsembles.scorecard(21, 40, -4.2);
    assertThat(ensemble.trees().get(40).nodeCount()).isEqualTo(1);
    float[][] rows = RandomEnsembles.rows(22, 10_000, 40);
    Precision p = compare(ensemble, rows);
    System.out.printf("scorecard 40 features: max |ORT - margin| = %.3g%n", p.maxError);
    assertThat(p.maxError).isLessThanOrEqualTo(TOLERANCE);
  }

  @Test
  void routesTiesRightAndNaNsToTheDefaultChild() throws OrtException {
    // one split on feature 1 at 0.5, NaN goes left; leaves differ by whole numbers so any wrong
    // route shows as an error of at least 1
    Tree split =
        new Tree(
            new int[] {1, -1, -1},
            new float[] {0.5f, 0, 0},
            new int[] {1, -1, -1},
            new int[] {2, -1, -1},
            new boolean[] {true, false, false},
            new double[] {0, 10, 20},
            new double[] {2, 1, 1});
    TreeEnsemble ensemble = new TreeEnsemble(2, 0.25, List.of(split));
    float[][] rows = {
      {0, 0.5f}, {0, Math.nextDown(0.5f)}, {0, Float.NaN}, {Float.NaN, 7}, {0, -1e30f}
    };
    double[] onnx = score(TreeEnsembleOnnxWriter.toBytes(ensemble, Map.of()), rows, 2);
    assertThat(onnx).containsExactly(20.25, 10.25, 10.25, 20.25, 10.25);
  }

  @Test
  void declaresShapesOpsetsAndMetadata() throws OrtException {
    TreeEnsemble ensemble = RandomEnsembles.deep(31, 3, 2, 5, 0.0);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("yocho.tier", "full");
    metadata.put("yocho.features", "equity_ratio,cash_days_on_hand,sales_growth,insolvent,age");
    metadata.put("yocho.provenance", "{\"trainer\":\"xgboost\",\"seed\":42,\"名前\":\"予兆\"}");
    byte[] bytes = TreeEnsembleOnnxWriter.toBytes(ensemble, metadata);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(bytes, options)) {
      assertThat(session.getMetadata().getCustomMetadata()).isEqualTo(metadata);
      assertThat(session.getMetadata().getProducerName())
          .isEqualTo(TreeEnsembleOnnxWriter.PRODUCER_NAME);
      NodeInfo input = session.getInputInfo().get(TreeEnsembleOnnxWriter.INPUT_NAME);
      NodeInfo output = session.getOutputInfo().get(TreeEnsembleOnnxWriter.OUTPUT_NAME);
      assertThat(((TensorInfo) input.getInfo()).getShape()).containsExactly(-1, 5);
      assertThat(((TensorInfo) output.getInfo()).getShape()).containsExactly(-1, 1);
    }
    // same input, same bytes
    assertThat(TreeEnsembleOnnxWriter.toBytes(ensemble, new LinkedHashMap<>(metadata)))
        .isEqualTo(bytes);
  }

  @Test
  void rejectsWhatOnnxCannotHold() {
    Tree leaf =
        new Tree(
            new int[] {-1}, new float[] {0}, new int[] {-1}, new int[] {-1},
            new boolean[] {false}, new double[] {1e300}, new double[] {1});
    assertThatThrownBy(
            () -> TreeEnsembleOnnxWriter.toBytes(new TreeEnsemble(1, 0, List.of(leaf)), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0E300");
    assertThatThrownBy(
            () -> TreeEnsembleOnnxWriter.toBytes(new TreeEnsemble(1, 0, List.of()), Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                TreeEnsembleOnnxWriter.toBytes(
                    RandomEnsembles.deep(1, 1, 1, 1, 0), Map.of(" ", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }

  private record Precision(double maxError, double maxErrorVsFloatSum) {}

  private static Precision compare(TreeEnsemble ensemble, float[][] rows) throws OrtException {
    double[] onnx =
        score(TreeEnsembleOnnxWriter.toBytes(ensemble, Map.of()), rows, ensemble.featureCount());
    double maxError = 0;
    double maxErrorVsFloatSum = 0;
    for (int i = 0; i < rows.length; i++) {
      maxError = Math.max(maxError, Math.abs(onnx[i] - ensemble.margin(rows[i])));
      float floatSum = 0;
      for (Tree tree : ensemble.trees()) {
        floatSum += (float) tree.predict(rows[i]);
      }
      floatSum += (float) ensemble.baseMargin();
      maxErrorVsFloatSum = Math.max(maxErrorVsFloatSum, Math.abs(onnx[i] - floatSum));
    }
    return new Precision(maxError, maxErrorVsFloatSum);
  }

  static double[] score(byte[] model, float[][] rows, int features) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    float[] flat = new float[rows.length * features];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * features, features);
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = env.createSession(model, options);
        OnnxTensor input =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {rows.length, features});
        OrtSession.Result result =
            session.run(Map.of(TreeEnsembleOnnxWriter.INPUT_NAME, input))) {
      double[][] out = (double[][]) result.get(0).getValue();
      double[] margins = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        margins[i] = out[i][0];
      }
      return margins;
    }
  }

}
