package dev.yocho.training.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.yocho.cli.Databases;
import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.Progress;
import dev.yocho.cli.UsageException;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.training.backtest.report.HtmlReport;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.scorecard.ScorecardConfig;
import dev.yocho.training.tabular.CrossValidation;
import dev.yocho.training.tabular.GbmGrid;
import dev.yocho.training.tabular.TabularReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho backtest}: replays month-end as-of dates and writes the validation report. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = "Replays month-end as-of dates with one bundle (or, with --walk-forward,"
        + " retraining at each year boundary on data visible before it) and writes"
        + " REPORT/metrics.json and REPORT/report.html: discrimination with DeLong intervals,"
        + " calibration per grade (Jeffreys, binomial, Hosmer-Lemeshow), PSI, migrations (ECB"
        + " bandwidths), concentration, the ECB AUC-decline test and, where the database has the"
        + " truth table, the oracle AUC. --reproduce retrains a bundle from its provenance.")
public final class BacktestCommand implements Callable<Integer> {
  static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--db", defaultValue = "data/yocho.duckdb",
      description = "database (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--models", defaultValue = "models",
      description = "models directory (its CURRENT bundle) or a bundle (default: ${DEFAULT-VALUE})")
  Path models;

  @Option(names = "--from", converter = IsoDateConverter.class,
      description = "first as-of date (default: 24 month-ends ending at --to)")
  LocalDate from;

  @Option(names = "--to", converter = IsoDateConverter.class,
      description = "last as-of date (default: the last month-end whose one-year label is complete,"
          + " the data's end minus 365 days)")
  LocalDate to;

  @Option(names = "--report", defaultValue = "reports/validation",
      description = "report directory (default: ${DEFAULT-VALUE})")
  Path report;

  @Option(names = "--walk-forward", description = "retrain at each year boundary on data visible"
      + " before it (label windows complete before the boundary)")
  boolean walkForward;

  @Option(names = "--algo", defaultValue = "gbm",
      description = "walk-forward learner: gbm or logit (default: ${DEFAULT-VALUE})")
  TrainConfig.Algorithm algorithm;

  @Option(names = "--gbm", paramLabel = "KEY=VALUE",
      description = "override a GBM hyperparameter of walk-forward training and of the --data"
          + " cross-validation (repeatable)")
  Map<String, String> gbmOverrides = new LinkedHashMap<>();

  @Option(names = "--seed", defaultValue = "42",
      description = "seed of walk-forward training and of the tabular folds (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--psi-moderate", defaultValue = "0.10",
      description = "PSI threshold of a moderate shift (default: ${DEFAULT-VALUE})")
  double psiModerate;

  @Option(names = "--psi-significant", defaultValue = "0.25",
      description = "PSI threshold of a significant shift (default: ${DEFAULT-VALUE})")
  double psiSignificant;

  @Option(names = "--psi-reference-step", defaultValue = "3", paramLabel = "MONTHS",
      description = "PSI reference: every n-th month-end of the training window (default:"
          + " ${DEFAULT-VALUE})")
  int psiStep;

  @Option(names = "--reproduce", paramLabel = "BUNDLE",
      description = "retrain BUNDLE (DIR/<version>) from its provenance and report the metric"
          + " differences instead of backtesting")
  Path reproduce;

  @Option(names = "--data", paramLabel = "FILE",
      description = "a public ARFF or CSV table whose cross-validated results join the report")
  Path data;

  @Option(names = "--label", paramLabel = "COL", description = "the label column of --data")
  String label;

  @Option(names = "--positive", defaultValue = "1", paramLabel = "V",
      description = "the label value of a default in --data (default: ${DEFAULT-VALUE})")
  String positive;

  @Option(names = "--folds", defaultValue = "10", paramLabel = "K",
      description = "cross-validation folds for --data (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    if (reproduce != null) {
      return reproduce(started);
    }
    if (data != null && label == null) {
      throw new UsageException("--data needs --label COL");
    }
    Map<String, Object> metrics;
    try (Connection conn = Databases.openReadOnly(db)) {
      DataWindow window = DataWindow.read(conn);
      LocalDate last = YearMonth.from(window.to().minusDays(365)).atEndOfMonth();
      if (last.isAfter(window.to().minusDays(365))) {
        last = YearMonth.from(window.to().minusDays(365)).minusMonths(1).atEndOfMonth();
      }
      LocalDate end = to != null ? to : last;
      LocalDate start = from != null ? from : YearMonth.from(end).minusMonths(23).atDay(1);
      BacktestOptions options = new BacktestOptions(start, end, walkForward, psiModerate,
          psiSignificant, psiStep, trainTemplate());
      Backtest.dates(options, window); // bad dates fail before anything is loaded or trained
      ScoringModel bundle = walkForward ? null : ScoringModel.load(ScoringModel.resolve(models));
      Files.createDirectories(report);
      metrics = new Backtest(options).run(conn, bundle, report, quiet || json);
    }
    if (data != null) {
      metrics.put("tabular", tabular());
    }
    JsonNode tree = write(metrics, report);
    Path html = report.resolve("report.html");
    double seconds = (System.nanoTime() - started) / 1e9;
    JsonNode pooled = tree.path("pooled");
    JsonNode honest = tree.path("honest");
    int overlapping = honest.path("excluded_dates_labels_overlap_training").size();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      // the headline is the honest figure (DESIGN section 13); the pooled one is labelled
      out.put("protocol", honest.path("protocol").asText());
      out.put("auc", honest.path("auc").isNumber() ? honest.path("auc").asDouble() : null);
      out.put("honest_dates", honest.path("dates").size());
      out.put("honest_firm_months", honest.path("firm_months").asLong());
      out.put("capture_10pct", honest.path("capture_10pct").isNumber()
          ? honest.path("capture_10pct").asDouble() : null);
      out.put("oracle_auc", honest.path("oracle_auc").isNumber()
          ? honest.path("oracle_auc").asDouble() : null);
      out.put("dates_labels_overlap_training", overlapping);
      out.put("auc_all_dates", pooled.path("auc").isNumber() ? pooled.path("auc").asDouble() : null);
      out.put("report", html.toString());
      out.put("metrics", report.resolve("metrics.json").toString());
      out.put("as_of_dates", tree.path("config").path("as_of_dates").asInt());
      out.put("firm_months", pooled.path("firm_months").asLong());
      out.put("defaults", pooled.path("defaults").asLong());
      out.put("walk_forward", walkForward);
      out.put("models", tree.path("models").size());
      out.put("seconds", Math.round(seconds * 1000) / 1000.0);
      JsonOut.print(System.out, out);
    } else {
      if (honest.path("firm_months").asLong() > 0) {
        System.out.printf(Locale.ROOT, "honest out of time (%d dates %s to %s, no label overlaps"
                + " training): %,d firm-months, %,d defaults; AUC %.4f (95%% %.4f–%.4f), oracle"
                + " %.4f, riskiest 10%% hold %.1f%% of next-year defaults, calibration ratio %.3f%n",
            honest.path("dates").size(), honest.path("dates").path(0).asText(),
            honest.path("dates").path(honest.path("dates").size() - 1).asText(),
            honest.path("firm_months").asLong(), honest.path("defaults").asLong(),
            honest.path("auc").asDouble(Double.NaN),
            honest.path("auc_ci95").path(0).asDouble(Double.NaN),
            honest.path("auc_ci95").path(1).asDouble(Double.NaN),
            honest.path("oracle_auc").asDouble(Double.NaN),
            100 * honest.path("capture_10pct").asDouble(Double.NaN),
            honest.path("calibration_ratio").asDouble(Double.NaN));
      } else {
        System.out.println("honest out of time: no date of this backtest qualifies (every date's"
            + " labels overlap its model's training labels)");
      }
      System.out.printf(Locale.ROOT, "all dates pooled%s, %s to %s (%d as-of dates%s): %,d labelled"
              + " firm-months, %,d defaults; AUC %.4f (95%% %.4f–%.4f), calibration ratio"
              + " %.3f%n", overlapping > 0 ? " (labels overlap training on " + overlapping
              + " dates)" : "", tree.path("config").path("from").asText(),
          tree.path("config").path("to").asText(), tree.path("config").path("as_of_dates").asInt(),
          walkForward ? ", walk-forward, " + tree.path("models").size() + " models" : "",
          pooled.path("firm_months").asLong(), pooled.path("defaults").asLong(),
          pooled.path("auc").asDouble(Double.NaN), pooled.path("auc_ci95").path(0).asDouble(Double.NaN),
          pooled.path("auc_ci95").path(1).asDouble(Double.NaN),
          pooled.path("calibration_ratio").asDouble(Double.NaN));
      System.out.printf(Locale.ROOT, "validation report: %s (%.1f s)%n", html, seconds);
    }
    return 0;
  }

  /** Writes DIR/metrics.json and DIR/report.html; returns the metrics as a tree. */
  public static JsonNode write(Map<String, Object> metrics, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("metrics.json"), PRETTY.writeValueAsString(metrics) + "\n");
    JsonNode tree = PRETTY.valueToTree(metrics);
    HtmlReport.write(tree, dir.resolve("report.html"));
    return tree;
  }

  private TrainConfig trainTemplate() {
    TrainConfig config = TrainConfig.defaults(algorithm).withSeed(seed);
    if (!gbmOverrides.isEmpty()) {
      Map<String, String> merged = new LinkedHashMap<>(config.gbm().asMap());
      merged.putAll(gbmOverrides);
      config = config.withGbm(GbmConfig.fromMap(merged));
    }
    return config;
  }

  private Map<String, Object> tabular() {
    if (seed < 0 || seed > Integer.MAX_VALUE) {
      throw new UsageException("--seed must be in [0, 2^31 - 1] with --data, was " + seed);
    }
    LabelledMatrix matrix = TabularReader.read(data, label, positive);
    CrossValidation.Plan plan = new CrossValidation.Plan(folds, seed, GbmConfig.fromMap(gbmOverrides),
        ScorecardConfig.defaults());
    CrossValidation.Result result;
    CrossValidation.NestedResult nested = null;
    boolean select = gbmOverrides.isEmpty();
    long steps = select ? (long) folds * (GbmGrid.CANDIDATES.size() + 2) : 2L * folds;
    try (Progress progress = Progress.start("tabular-cv", steps, quiet || json)) {
      if (select) {
        // the same nested selection as tabular-cv: the reported folds take no part in the choice
        nested = CrossValidation.runNested(matrix, plan, GbmGrid.CANDIDATES, 5, progress);
        result = nested.result();
      } else {
        result = CrossValidation.run(matrix, plan, progress);
      }
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("data", data.getFileName().toString());
    t.put("label", label);
    t.put("positive", positive);
    t.put("rows", result.rows());
    t.put("positives", result.positives());
    t.put("features", result.features());
    t.put("folds", folds);
    t.put("seed", seed);
    t.put("gbm_selection", nested == null ? "fixed: given with --gbm, not selected"
        : "nested: chosen inside each outer training fold by " + nested.innerFolds()
            + " inner folds among " + nested.grid().size() + " candidates; chosen per fold "
            + nested.outer().stream().map(CrossValidation.OuterFold::chosen).toList());
    Map<String, Object> algorithms = new LinkedHashMap<>();
    algorithms.put("gbm", algorithmJson(result.gbm()));
    algorithms.put("logit", algorithmJson(result.logit()));
    t.put("algorithms", algorithms);
    return t;
  }

  private static Map<String, Object> algorithmJson(CrossValidation.AlgorithmResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("auc_mean", r.auc().mean());
    m.put("auc_sd", r.auc().sd());
    m.put("fold_aucs", List.copyOf(r.auc().values()));
    return m;
  }

  private int reproduce(long started) throws Exception {
    Map<String, Object> out;
    try (Connection conn = Databases.openReadOnly(db)) {
      if (!Files.isDirectory(reproduce)) {
        throw new UsageException("--reproduce " + reproduce + " is not a bundle directory");
      }
      out = Reproduce.run(conn, reproduce);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.put("seconds", Math.round(seconds * 1000) / 1000.0);
    if (json) {
      JsonOut.print(System.out, out);
    } else {
      System.out.printf(Locale.ROOT, "reproduced %s as %s: same version %s, data matches %s,"
              + " trees identical %s, all files identical %s, largest metric difference %s (%.1f s)%n",
          out.get("model_version"), out.get("reproduced_version"), out.get("same_version"),
          out.get("data_matches"), out.get("trees_identical"), out.get("all_files_identical"),
          out.get("max_abs_metric_difference"), seconds);
    }
    return 0;
  }
}
