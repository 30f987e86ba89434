package dev.yocho.training.bench;

import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.pipeline.TrainResult;
import dev.yocho.training.pipeline.TrainingPipeline;
import dev.yocho.training.validation.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code yocho bench learning-curve}: the same pipeline and the same honest protocol (the default
 * windows of {@link TrainConfig#defaults}) trained on universes of growing size, each evaluated
 * out of time on the same firms. The generator seeds every firm from the root seed and its id,
 * and the economy from the root seed alone, so the incumbents of the smallest universe (ids below
 * its first entrant) are the same firms, with the same facts, in every larger one; their
 * out-of-time rows are the common evaluation set. The largest universe's figure approximates what
 * the observable facts allow; the distance of the default universe's model to it is what
 * estimation still loses (the oracle, which knows the latent state, is out of any model's reach).
 */
final class BenchLearningCurve {
  /** The generator's share of entrants (datasets-synthetic UniverseGenerator.ENTRANT_SHARE). */
  static final double ENTRANT_SHARE = 0.12;

  private final List<Integer> sizes;
  private final Path dir;
  private final TrainConfig.Algorithm algorithm;
  private final boolean json;

  BenchLearningCurve(List<Integer> sizes, Path dir, TrainConfig.Algorithm algorithm, boolean json) {
    if (sizes.isEmpty()) {
      throw new UsageException("--sizes names no universe size");
    }
    this.sizes = sizes.stream().sorted().toList();
    this.dir = dir;
    this.algorithm = algorithm;
    this.json = json;
  }

  static Path universe(Path dir, int firms) {
    return dir.resolve("universe-" + firms + ".duckdb");
  }

  /** Ids of the smallest universe's incumbents: the firms common to every universe. */
  static long commonFirmsBelow(int smallest) {
    return smallest - Math.round(smallest * ENTRANT_SHARE) + 1;
  }

  int call() throws Exception {
    for (int n : sizes) {
      if (!Files.isRegularFile(universe(dir, n))) {
        throw new UsageException("no universe of " + n + " firms at " + universe(dir, n)
            + " (./yocho bench learning-curve generates it)");
      }
    }
    long below = commonFirmsBelow(sizes.get(0));
    TrainConfig config = TrainConfig.defaults(algorithm);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n : sizes) {
      long start = System.nanoTime();
      TrainResult result;
      try (Connection conn = Databases.openReadOnly(universe(dir, n))) {
        result = new TrainingPipeline(config).run(conn, dir.resolve("models-" + n));
      }
      TrainResult.OotRows oot = result.ootRows();
      int k = 0;
      for (long firm : oot.firm()) {
        k += firm < below ? 1 : 0;
      }
      double[] pd = new double[k];
      double[] truth = new double[k];
      boolean[] y = new boolean[k];
      for (int r = 0, i = 0; r < oot.firm().length; r++) {
        if (oot.firm()[r] < below) {
          pd[i] = oot.pd()[r];
          truth[i] = oot.truth() == null ? Double.NaN : oot.truth()[r];
          y[i++] = oot.defaulted()[r];
        }
      }
      Validation v = Validation.of(pd, y);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("firms", n);
      row.put("model_version", result.modelVersion());
      row.put("training_rows", result.trainingRowsByTier());
      row.put("evaluation_rows", k);
      row.put("evaluation_defaults", v.defaults());
      row.put("auc", v.auc());
      row.put("capture_1pct", v.capture1pct());
      row.put("capture_10pct", v.capture10pct());
      row.put("calibration_ratio", v.calibrationRatio());
      if (oot.truth() != null) {
        Validation o = Validation.of(truth, y);
        row.put("oracle_auc", o.auc());
        row.put("oracle_capture_1pct", o.capture1pct());
        row.put("oracle_capture_10pct", o.capture10pct());
      }
      row.put("memorisation", result.memorisation());
      row.put("seconds", (System.nanoTime() - start) / 1e9);
      rows.add(row);
      if (!json) {
        System.out.printf(Locale.ROOT, "%,9d firms: honest out-of-time AUC %.4f on %,d common"
                + " firm-months (%,d defaults; oracle %s), riskiest 1%% / 10%% hold %.1f%% / %.1f%%,"
                + " calibration ratio %.3f (%.0f s)%n", n, v.auc(), k, v.defaults(),
            row.containsKey("oracle_auc") ? String.format(Locale.ROOT, "%.4f", row.get("oracle_auc"))
                : "n/a", 100 * v.capture1pct(), 100 * v.capture10pct(), v.calibrationRatio(),
            (Double) row.get("seconds"));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "learning-curve");
    out.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("algorithm", algorithm.code());
    out.put("protocol", config.protocol());
    out.put("train_window", config.trainFrom() + " to " + config.trainTo());
    out.put("oot_window", config.ootFrom() + " to " + config.ootTo());
    out.put("evaluation_firms", "firm ids below " + below + " (the incumbents of the "
        + sizes.get(0) + "-firm universe, the same firms in every universe)");
    out.put("universes", rows);
    if (rows.size() > 1) {
      Map<String, Object> largest = rows.get(rows.size() - 1);
      out.put("auc_gap_to_largest", (Double) largest.get("auc") - (Double) rows.get(0).get("auc"));
    }
    if (json) {
      JsonOut.print(System.out, out);
    }
    return 0;
  }
}
