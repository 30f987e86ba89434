package dev.yocho.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.UsageException;
import dev.yocho.features.bundle.BundleManifest;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole training pipeline on a small generated universe: both algorithms train both tiers, the
 * bundle verifies, and ONNX Runtime reproduces each tier's margin on at least 10,000 rows.
 */
class TrainingPipelineTest {
  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void universe() {
    db = dir.resolve("small.duckdb");
    UniverseGenerator.generate(GeneratorConfig.defaults().withFirms(4_000), db);
  }

  private static TrainConfig fast(TrainConfig.Algorithm algorithm) {
    TrainConfig c = TrainConfig.defaults(algorithm);
    return c.withGbm(c.gbm().withRounds(60));
  }

  private static TrainResult train(TrainConfig config, Path models) throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly())) {
      return new TrainingPipeline(config).run(conn, models);
    }
  }

  private static java.util.Properties readOnly() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("duckdb.read_only", "true");
    return p;
  }

  @Test
  void gbmBundleVerifiesAndOnnxRuntimeReproducesEveryTiersMargin() throws Exception {
    Path models = dir.resolve("models-gbm");
    TrainResult result = train(fast(TrainConfig.Algorithm.GBM), models);
    assertBundle(result, models);
    // loose floor only: the figures themselves are benchmarks
    assertThat(result.oot().auc()).isGreaterThan(0.70);
    assertThat(result.oracleAuc()).isBetween(0.75, 0.95);
    assertThat(result.oot().calibrationRatio()).isBetween(0.5, 2.0);
    // the default windows are the honest protocol (DESIGN section 13): no out-of-time label
    // window begins before the last training label is observed
    Map<String, Object> json = result.toJson();
    assertThat(json).containsEntry("labels_overlap_training", false)
        .containsEntry("protocol", "honest (purged) out of time")
        .containsEntry("train_window", "2021-01-01 to 2023-06-30")
        .containsEntry("oot_window", "2024-06-30 to 2024-12-31");
    assertThat((Double) json.get("oracle_capture_10pct"))
        .isBetween((Double) json.get("oracle_capture_1pct"), 1.0);
    JsonNode stored = new ObjectMapper().readTree(
        models.resolve(result.modelVersion()).resolve("metrics.json").toFile());
    assertThat(stored.get("labels_overlap_training").asBoolean()).isFalse();
    // memorisation, measured: in sample on the fitted rows, out of time by whether the trees saw
    // the firm's earlier month-ends (the calibration's held-out firms they never saw)
    JsonNode memo = stored.get("memorisation");
    assertThat(memo.get("in_sample_auc").asDouble()).isBetween(0.6, 1.0);
    assertThat(memo.get("in_sample_minus_oot_auc").asDouble()).isCloseTo(
        memo.get("in_sample_auc").asDouble() - result.oot().auc(),
        org.assertj.core.data.Offset.offset(1e-9));
    assertThat(memo.get("oot_rows_training_firms").asInt() + memo.get("oot_rows_unseen_firms")
        .asInt()).isEqualTo(result.oot().rows());
    assertThat(memo.get("oot_rows_unseen_firms").asInt()).isPositive();
    assertThat(memo.get("oot_auc_unseen_firms").asDouble()).isBetween(0.5, 1.0);
    // the thin tier's learner borrows the full tier's firm-months (statement features masked)
    assertThat(result.trainingRowsByTier().get("thin"))
        .isGreaterThan(result.trainingRowsByTier().get("full"));
  }

  @Test
  void anOutOfTimeWindowWhoseLabelsOverlapTrainingIsLabelledSo() {
    TrainConfig defaults = TrainConfig.defaults(TrainConfig.Algorithm.GBM);
    assertThat(defaults.labelsOverlapTraining()).isFalse();
    assertThat(defaults.ootFrom()).isAfterOrEqualTo(defaults.trainTo().plusDays(365));
    // the old default: train to the end of 2023, evaluate 2024 (a year of labels in both)
    TrainConfig old = defaults.withWindows(LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31),
        LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
    assertThat(old.labelsOverlapTraining()).isTrue();
    assertThat(old.protocol()).isEqualTo("labels overlap training");
    // one day short of the purge still overlaps
    TrainConfig shortGap = defaults.withWindows(LocalDate.of(2021, 1, 1),
        LocalDate.of(2023, 6, 30), LocalDate.of(2024, 6, 28), LocalDate.of(2024, 12, 31));
    assertThat(shortGap.labelsOverlapTraining()).isTrue();
  }

  @Test
  void scorecardBundleVerifiesAndOnnxRuntimeReproducesEveryTiersMargin() throws Exception {
    Path models = dir.resolve("models-logit");
    TrainResult result = train(fast(TrainConfig.Algorithm.LOGIT), models);
    assertBundle(result, models);
    assertThat(result.oot().auc()).isGreaterThan(0.70);
  }

  @Test
  void sameSeedSameDataGivesTheSameBundle() throws Exception {
    Path a = dir.resolve("models-a");
    Path b = dir.resolve("models-b");
    TrainResult first = train(fast(TrainConfig.Algorithm.LOGIT), a);
    TrainResult second = train(fast(TrainConfig.Algorithm.LOGIT), b);
    assertThat(second.modelVersion()).isEqualTo(first.modelVersion());
    for (String file : List.of("full.onnx", "thin.onnx", "full.trees.json", "manifest.json")) {
      assertThat(Files.readAllBytes(b.resolve(second.modelVersion()).resolve(file)))
          .as(file).isEqualTo(Files.readAllBytes(a.resolve(first.modelVersion()).resolve(file)));
    }
  }

  @Test
  void incompleteOutOfTimeLabelsAreRefused() {
    TrainConfig late = fast(TrainConfig.Algorithm.LOGIT).withWindows(LocalDate.of(2021, 1, 1),
        LocalDate.of(2023, 12, 31), LocalDate.of(2024, 6, 1), LocalDate.of(2025, 6, 30));
    assertThatThrownBy(() -> train(late, dir.resolve("models-late")))
        .isInstanceOf(UsageException.class).hasMessageContaining("incomplete");
  }

  private static void assertBundle(TrainResult result, Path models) throws Exception {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    Path bundle = models.resolve(result.modelVersion());
    BundleManifest manifest = BundleManifest.verify(bundle, catalogue.version(), catalogue.names());
    assertThat(manifest.tiers()).containsExactly("full", "thin");
    assertThat(manifest.files()).containsKeys("full.onnx", "thin.onnx", "full.trees.json",
        "thin.trees.json", "full.calibration.json", "thin.calibration.json", "master_scale.json",
        "metrics.json", "provenance.json");
    assertThat(result.ootByTier()).containsKeys("full", "thin");

    // every live firm at four month-ends: rows of both tiers, well over 10,000
    FeatureMatrix m;
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly())) {
      m = new BatchFeatures().compute(conn, List.of(LocalDate.of(2022, 9, 30),
          LocalDate.of(2023, 3, 31), LocalDate.of(2024, 6, 30), LocalDate.of(2025, 6, 30)));
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    for (Tier tier : Tier.values()) {
      TreeEnsemble ensemble = TreeEnsembleJson.read(bundle.resolve(tier.code() + ".trees.json"));
      // each tier's model must reproduce on any row; thin rows alone are too few for 10,000
      List<float[]> rows = new ArrayList<>();
      int ofTier = 0;
      for (int r = 0; r < m.rows(); r++) {
        rows.add(TreeEnsemble.toFloat(m.row(r).values()));
        ofTier += m.tier(r) == tier ? 1 : 0;
      }
      assertThat(ofTier).as("rows of tier %s", tier).isPositive();
      assertThat(rows.size()).isGreaterThanOrEqualTo(10_000);
      int f = catalogue.size();
      float[] flat = new float[rows.size() * f];
      for (int i = 0; i < rows.size(); i++) {
        System.arraycopy(rows.get(i), 0, flat, i * f, f);
      }
      try (OrtSession session = env.createSession(bundle.resolve(tier.code() + ".onnx").toString(),
              new OrtSession.SessionOptions());
          OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat),
              new long[] {rows.size(), f});
          OrtSession.Result out = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
        double[][] margins = (double[][]) out.get(0).getValue();
        double worst = 0;
        for (int i = 0; i < rows.size(); i++) {
          worst = Math.max(worst, Math.abs(margins[i][0] - ensemble.margin(rows.get(i))));
        }
        assertThat(worst).as("tier %s: ONNX Runtime vs training margin", tier).isLessThan(1e-5);
        Map<String, String> meta = session.getMetadata().getCustomMetadata();
        assertThat(meta).containsEntry("tier", tier.code())
            .containsEntry("model_version", result.modelVersion())
            .containsEntry("catalogue_version", catalogue.version())
            .containsKey("provenance");
        assertThat(meta.get("feature_names")).isEqualTo(String.join(",", catalogue.names()));
      }
    }
  }
}
