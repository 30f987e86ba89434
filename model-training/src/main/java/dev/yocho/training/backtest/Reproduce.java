package dev.yocho.training.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.UsageException;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.pipeline.TrainResult;
import dev.yocho.training.pipeline.TrainingPipeline;
import dev.yocho.training.scorecard.ScorecardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code yocho backtest --reproduce DIR/<version>}: rebuilds the training configuration from the
 * bundle's {@code provenance.json} (algorithm, seed, windows, calibration share, withheld features,
 * the trainer's hyperparameters), retrains on the database into a temporary directory and compares:
 * the model version, every file byte for byte, and every number of {@code metrics.json}. The same
 * seed and data give differences of 0 and byte-identical trees.
 */
public final class Reproduce {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Reproduce() {}

  /** The configuration the bundle records. */
  static TrainConfig config(JsonNode provenance) {
    TrainConfig.Algorithm algorithm;
    try {
      algorithm = TrainConfig.Algorithm.valueOf(
          provenance.path("algorithm").asText().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("provenance.json names an unknown algorithm '"
          + provenance.path("algorithm").asText() + "'", e);
    }
    long seed = provenance.path("seed").asLong();
    LocalDate[] train = window(provenance, "train_window");
    LocalDate[] oot = window(provenance, "oot_window");
    TrainConfig base = TrainConfig.defaults(algorithm).withSeed(seed);
    Map<String, String> hyper = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields =
        provenance.path("tiers").path("full").path("trainer").path("hyperparameters").fields();
    fields.forEachRemaining(e -> hyper.put(e.getKey(), e.getValue().asText()));
    GbmConfig gbm = base.gbm();
    ScorecardConfig scorecard = base.scorecard();
    if (algorithm == TrainConfig.Algorithm.GBM) {
      hyper.remove("baseScore"); // derived from the data, not a setting
      hyper.remove("monotoneConstraints"); // the catalogue's directions, not a setting
      gbm = GbmConfig.fromMap(hyper);
    } else {
      scorecard = new ScorecardConfig(Integer.parseInt(hyper.get("initialBins")),
          Double.parseDouble(hyper.get("minBinShare")), Double.parseDouble(hyper.get("woeSmoothing")),
          Integer.parseInt(hyper.get("epochs")), Double.parseDouble(hyper.get("learningRate")),
          Integer.parseInt(hyper.get("minibatchSize")), Long.parseLong(hyper.get("seed")));
    }
    return new TrainConfig(algorithm, train[0], train[1], oot[0], oot[1], seed,
        provenance.path("calibration_share").asDouble(), gbm, scorecard,
        JsonTree.toList(provenance.path("withheld_features")),
        // bundles from before the option were trained per tier alone
        provenance.path("thin_borrows_from_full").asBoolean(false));
  }

  private static LocalDate[] window(JsonNode provenance, String key) {
    String[] parts = provenance.path(key).asText("").split("/");
    if (parts.length != 2) {
      throw new UsageException("provenance.json has no " + key);
    }
    return new LocalDate[] {LocalDate.parse(parts[0]), LocalDate.parse(parts[1])};
  }

  /** Retrains and compares; the temporary bundle is deleted afterwards. */
  public static Map<String, Object> run(Connection conn, Path bundle)
      throws SQLException, IOException {
    ScoringModel original = ScoringModel.load(bundle);
    TrainConfig config = config(original.provenance());
    Path tmp = Files.createTempDirectory("yocho-reproduce-");
    try {
      TrainResult again = new TrainingPipeline(config).run(conn, tmp);
      Path rebuilt = again.bundle();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("bundle", bundle.toString());
      out.put("model_version", original.version());
      out.put("reproduced_version", again.modelVersion());
      out.put("same_version", original.version().equals(again.modelVersion()));
      JsonNode newProvenance = JSON.readTree(rebuilt.resolve("provenance.json").toFile());
      out.put("data_matches", original.provenance().path("data_manifest_sha256")
          .equals(newProvenance.path("data_manifest_sha256")));
      Map<String, Object> files = new TreeMap<>();
      boolean allIdentical = true;
      boolean treesIdentical = true;
      for (Path file : list(bundle)) {
        String name = file.getFileName().toString();
        Path other = rebuilt.resolve(name);
        boolean same = Files.isRegularFile(other)
            && java.util.Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(other));
        files.put(name, same);
        allIdentical &= same;
        if (name.endsWith(".trees.json")) {
          treesIdentical &= same;
        }
      }
      out.put("files_identical", files);
      out.put("all_files_identical", allIdentical);
      out.put("trees_identical", treesIdentical);
      Map<String, Double> before = new TreeMap<>();
      Map<String, Double> after = new TreeMap<>();
      flatten("", JSON.readTree(bundle.resolve("metrics.json").toFile()), before);
      flatten("", JSON.readTree(rebuilt.resolve("metrics.json").toFile()), after);
      Map<String, Object> differences = new LinkedHashMap<>();
      double max = 0;
      for (Map.Entry<String, Double> e : before.entrySet()) {
        Double other = after.get(e.getKey());
        double diff = other == null ? Double.NaN : other - e.getValue();
        differences.put(e.getKey(), Double.isFinite(diff) ? diff : null);
        max = Double.isFinite(diff) ? Math.max(max, Math.abs(diff)) : Double.POSITIVE_INFINITY;
      }
      out.put("metric_differences", differences);
      out.put("max_abs_metric_difference", Double.isFinite(max) ? max : null);
      out.put("oot_auc", again.oot().auc());
      return out;
    } finally {
      deleteTree(tmp);
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
    if (node.isNumber()) {
      out.put(prefix, node.asDouble());
    } else if (node.isObject()) {
      node.fields().forEachRemaining(e ->
          flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temporary directory does not change any result
    }
  }
}
