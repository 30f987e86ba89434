package dev.yocho.scoring.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.bundle.RandomEnsembles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scores the golden ONNX files written by model-training's ONNX writer and compares them with the
 * margins of the same ensembles read from the golden JSON (see model-training's
 * {@code ScoringGoldenFilesTest}, which keeps these files in step with the writer).
 */
class OnnxScorerTest {
  private static final double TOLERANCE = 1e-5;

  @Test
  void gbmGoldenModelScoresLikeTheTreeEnsemble() {
    checkGolden("gbm", 8, "full");
  }

  @Test
  void scorecardGoldenModelScoresLikeTheTreeEnsemble() {
    checkGolden("scorecard", 6, "thin");
  }

  private static void checkGolden(String name, int features, String tier) {
    TreeEnsemble ensemble = TreeEnsembleJson.read(resource(name + ".json"));
    assertThat(ensemble.featureCount()).isEqualTo(features);
    float[][] rows = RandomEnsembles.rows(name.hashCode(), 10_000, features);
    try (OnnxScorer scorer = OnnxScorer.open(bytes(name + ".onnx"), ScorerOptions.defaults())) {
      assertThat(scorer.featureCount()).isEqualTo(features);
      assertThat(scorer.metadata())
          .containsEntry("yocho.tier", tier)
          .containsEntry("yocho.model", name)
          .containsKey("yocho.provenance");
      assertThat(scorer.metadata().get("yocho.features").split(",")).hasSize(features);
      double[] margins = scorer.margins(rows);
      double worst = 0;
      for (int i = 0; i < rows.length; i++) {
        worst = Math.max(worst, Math.abs(margins[i] - ensemble.margin(rows[i])));
      }
      assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
      // the flat form, on a batch that does not fill the buffer, agrees with the row form
      float[] flat = new float[(rows.length + 3) * features];
      for (int i = 0; i < 100; i++) {
        System.arraycopy(rows[i], 0, flat, i * features, features);
      }
      double[] some = new double[100];
      scorer.margins(flat, 100, some);
      for (int i = 0; i < 100; i++) {
        assertThat(some[i]).isEqualTo(margins[i]);
      }
    }
  }

  @Test
  void moreIntraOpThreadsStayWithinTolerance(@TempDir Path dir) throws IOException {
    // Not bit-identical: with two threads ONNX Runtime splits the trees and sums the partial float
    // scores in another order, so a margin can move by an ulp of float (seen: 2.4e-7).
    Path file = dir.resolve("gbm.onnx");
    Files.write(file, bytes("gbm.onnx"));
    TreeEnsemble ensemble = TreeEnsembleJson.read(resource("gbm.json"));
    float[][] rows = RandomEnsembles.rows(7, 5_000, 8);
    try (OnnxScorer two = OnnxScorer.open(file, new ScorerOptions(2, OptLevel.BASIC_OPT, true))) {
      double[] margins = two.margins(rows);
      double worst = 0;
      for (int i = 0; i < rows.length; i++) {
        worst = Math.max(worst, Math.abs(margins[i] - ensemble.margin(rows[i])));
      }
      assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @Test
  void defaultsArePinned() {
    ScorerOptions defaults = ScorerOptions.defaults();
    assertThat(defaults.intraOpThreads()).isEqualTo(1);
    assertThat(defaults.optimizationLevel()).isEqualTo(OptLevel.ALL_OPT);
    assertThat(defaults.allowSpinning()).isFalse();
    assertThat(defaults.withIntraOpThreads(4).intraOpThreads()).isEqualTo(4);
    assertThatThrownBy(() -> new ScorerOptions(0, OptLevel.ALL_OPT, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }

  @Test
  void rejectsWhatIsNotAMarginModelAndBadBatches() {
    assertThatThrownBy(() -> OnnxScorer.open(new byte[] {1, 2, 3, 4}, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ONNX Runtime rejected the model");
    try (OnnxScorer scorer = OnnxScorer.open(bytes("gbm.onnx"), ScorerOptions.defaults())) {
      assertThatThrownBy(() -> scorer.margins(new float[15], 2, new double[2]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("15");
      assertThatThrownBy(() -> scorer.margins(new float[][] {new float[7]}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("7");
      double[] none = new double[0];
      scorer.margins(new float[0], 0, none); // an empty batch is a no-op
    }
  }

  static Path resource(String name) {
    try {
      return Path.of(OnnxScorerTest.class.getResource("/golden/" + name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing golden test resource " + name, e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = OnnxScorerTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing golden test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
