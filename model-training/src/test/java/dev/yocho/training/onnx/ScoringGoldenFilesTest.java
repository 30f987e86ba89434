package dev.yocho.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.bundle.RandomEnsembles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden files for scoring-service, which may not depend on this module: a small ONNX model written
 * by {@link TreeEnsembleOnnxWriter} and the same ensemble as JSON (Jackson's serialisation of the
 * {@link TreeEnsemble} record, which scoring-service's codec reads). scoring-service tests score
 * the ONNX file with ONNX Runtime and compare it with the JSON ensemble's margins.
 *
 * <p>This test fails when the committed files differ from what the writer produces now. To
 * regenerate them (after a deliberate change of the writer or of the golden models), run
 *
 * <pre>
 * mvn -q -B -pl model-training -Dtest=ScoringGoldenFilesTest -Dyocho.golden.update=true test
 * </pre>
 */
class ScoringGoldenFilesTest {
  static final Path GOLDEN_DIR =
      Path.of("..", "scoring-service", "src", "test", "resources", "golden");

  @Test
  void committedGoldenFilesAreWhatTheWriterProduces() throws IOException {
    boolean update = Boolean.getBoolean("yocho.golden.update");
    Map<String, byte[]> files = new LinkedHashMap<>();
    put(files, "gbm", RandomEnsembles.deep(20261122, 12, 4, 8, -3.1), "full");
    put(files, "scorecard", RandomEnsembles.scorecard(20261123, 6, -4.4), "thin");
    if (update) {
      Files.createDirectories(GOLDEN_DIR);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Files.write(GOLDEN_DIR.resolve(e.getKey()), e.getValue());
      }
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path committed = GOLDEN_DIR.resolve(e.getKey());
      assertThat(committed)
          .as("golden file %s is missing or stale: regenerate it with -Dyocho.golden.update=true"
              + " (see the class javadoc)", committed)
          .exists()
          .hasBinaryContent(e.getValue());
    }
  }

  private static void put(
      Map<String, byte[]> files, String name, TreeEnsemble ensemble, String tier)
      throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    StringBuilder features = new StringBuilder();
    for (int j = 0; j < ensemble.featureCount(); j++) {
      features.append(j == 0 ? "" : ",").append("feature_").append(j);
    }
    metadata.put("yocho.features", features.toString());
    metadata.put("yocho.tier", tier);
    metadata.put("yocho.model", name);
    metadata.put("yocho.provenance", "golden test model, RandomEnsembles seeded, model-training");
    files.put(name + ".onnx", TreeEnsembleOnnxWriter.toBytes(ensemble, metadata));
    files.put(
        name + ".json",
        TreeEnsembleJson.toJson(ensemble).getBytes(StandardCharsets.UTF_8));
  }
}
