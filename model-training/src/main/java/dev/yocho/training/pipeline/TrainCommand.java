package dev.yocho.training.pipeline;

import dev.yocho.cli.Databases;
import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.JsonOut;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho train}: trains both data tiers and writes a model bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Trains a model per data tier (full: a visible statement; thin: none) on month-end"
        + " snapshots, calibrates it on held-out firms, validates it out of time and writes an"
        + " immutable bundle DIR/<version>/.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "data/yocho.duckdb", description = "database (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--models", defaultValue = "models", description = "bundle directory (default: ${DEFAULT-VALUE})")
  Path models;

  @Option(names = "--algo", defaultValue = "gbm", description = "gbm or logit (default: ${DEFAULT-VALUE})")
  TrainConfig.Algorithm algorithm;

  @Option(names = "--train-from", defaultValue = "2021-01-01", converter = IsoDateConverter.class,
      description = "first training as-of date (default: ${DEFAULT-VALUE})")
  LocalDate trainFrom;

  @Option(names = "--train-to", defaultValue = "2023-06-30", converter = IsoDateConverter.class,
      description = "last training as-of date (default: ${DEFAULT-VALUE}; its labels end a year"
          + " later, before the out-of-time window)")
  LocalDate trainTo;

  @Option(names = "--oot-from", defaultValue = "2024-06-30", converter = IsoDateConverter.class,
      description = "first out-of-time as-of date (default: ${DEFAULT-VALUE}); before --train-to"
          + " + 365 days the figures are labelled 'labels overlap training'")
  LocalDate ootFrom;

  @Option(names = "--oot-to", defaultValue = "2024-12-31", converter = IsoDateConverter.class,
      description = "last out-of-time as-of date (default: ${DEFAULT-VALUE})")
  LocalDate ootTo;

  @Option(names = "--seed", defaultValue = "42", description = "seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--gbm", paramLabel = "KEY=VALUE",
      description = "override a GBM hyperparameter (repeatable), e.g. --gbm rounds=500")
  java.util.Map<String, String> gbmOverrides = new java.util.LinkedHashMap<>();

  @Option(names = "--withhold", paramLabel = "FEATURE", split = ",",
      description = "features the models may not use (default: ${DEFAULT-VALUE}; 'none' for none)")
  java.util.List<String> withheld = TrainConfig.DEFAULT_WITHHELD;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    TrainConfig config = TrainConfig.defaults(algorithm)
        .withWindows(trainFrom, trainTo, ootFrom, ootTo).withSeed(seed);
    java.util.List<String> names = withheld.equals(java.util.List.of("none")) ? java.util.List.of() : withheld;
    for (String name : names) {
      dev.yocho.features.catalogue.FeatureCatalogue.current().require(name);
    }
    config = config.withWithheld(names);
    if (!gbmOverrides.isEmpty()) {
      java.util.Map<String, String> merged = new java.util.LinkedHashMap<>(config.gbm().asMap());
      merged.putAll(gbmOverrides);
      config = config.withGbm(dev.yocho.training.gbm.GbmConfig.fromMap(merged));
    }
    TrainResult result;
    try (Connection conn = Databases.openReadOnly(db)) {
      result = new TrainingPipeline(config).run(conn, models);
    }
    if (json) {
      JsonOut.print(System.out, result.toJson());
      return 0;
    }
    System.out.printf(Locale.ROOT, "model %s (%s) written to %s in %.1f s%n", result.modelVersion(),
        result.algorithm(), result.bundle(), result.seconds());
    System.out.printf(Locale.ROOT, "%s: fitted on as-of dates %s to %s, evaluated on %s to %s%n",
        config.protocol(), config.trainFrom(), config.trainTo(), config.ootFrom(), config.ootTo());
    System.out.printf(Locale.ROOT,
        (config.labelsOverlapTraining() ? "labels overlap training" : "out of time")
            + " (%,d firm-months, %,d defaults): AUC %.4f (oracle %.4f), AR %.4f, KS %.4f,"
            + " Brier %.5f, calibration ratio %.3f, riskiest 5%% hold %.1f%% and 10%% hold %.1f%% of"
            + " next-year defaults%n",
        result.oot().rows(), result.oot().defaults(), result.oot().auc(), result.oracleAuc(),
        result.oot().accuracyRatio(), result.oot().ks(), result.oot().brier(),
        result.oot().calibrationRatio(), 100 * result.oot().capture5pct(),
        100 * result.oot().capture10pct());
    java.util.Map<String, Object> memo = result.memorisation();
    System.out.printf(Locale.ROOT, "memorisation: in-sample AUC %s (%s above out of time); out of"
            + " time, firms the trees were fitted on %s, firms they never saw %s%n",
        fmt(memo.get("in_sample_auc")), fmt(memo.get("in_sample_minus_oot_auc")),
        fmt(memo.get("oot_auc_training_firms")), fmt(memo.get("oot_auc_unseen_firms")));
    result.ootByTier().forEach((tier, v) -> System.out.printf(Locale.ROOT,
        "  tier %-4s: %,d firm-months, %,d defaults, AUC %.4f, calibration ratio %.3f%n", tier,
        v.rows(), v.defaults(), v.auc(), v.calibrationRatio()));
    return 0;
  }

  private static String fmt(Object v) {
    return v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : "n/a";
  }
}
