package dev.yocho.training.tabular;

import dev.yocho.cli.JsonOut;
import dev.yocho.cli.Progress;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.scorecard.ScorecardConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho tabular-cv}: stratified K-fold AUC of the GBM and the scorecard on a table. */
@Command(
    name = "tabular-cv",
    mixinStandardHelpOptions = true,
    description = "Stratified K-fold cross-validation of the gradient-boosted trees (gbm) and"
        + " the logistic scorecard (logit) on a public table, with the production training code."
        + " Folds match scikit-learn's StratifiedKFold(shuffle=True, random_state=SEED). The GBM's"
        + " configuration is chosen by nested cross-validation inside each outer training fold"
        + " (--inner-folds), so the reported AUC includes the choice; --gbm KEY=VALUE fixes a"
        + " configuration instead (reported as given, not selected).")
public final class TabularCvCommand implements Callable<Integer> {
  // Held strongly: java.util.logging keeps loggers weakly and would forget the level.
  private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

  @Option(names = "--data", required = true, paramLabel = "FILE",
      description = "ARFF (? = missing) or CSV with a header row (empty cell = missing)")
  Path data;

  @Option(names = "--label", required = true, paramLabel = "COL",
      description = "the label column")
  String label;

  @Option(names = "--positive", defaultValue = "1", paramLabel = "V",
      description = "the label value of a default (default: ${DEFAULT-VALUE})")
  String positive;

  @Option(names = "--folds", defaultValue = "10", paramLabel = "K",
      description = "number of folds (default: ${DEFAULT-VALUE})")
  int folds;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "seed of the folds and of both trainers (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
      description = "XGBoost training threads; the model does not depend on it (OpenMP"
          + " threads spin while waiting, so more threads than idle cores is slower)"
          + " (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(names = "--gbm", paramLabel = "KEY=VALUE",
      description = "override a GBM hyperparameter (keys: ${COMPLETION-CANDIDATES})",
      completionCandidates = GbmKeys.class)
  Map<String, String> gbmOverrides = new LinkedHashMap<>();

  @Option(names = "--inner-folds", defaultValue = "5", paramLabel = "K",
      description = "inner folds of the nested selection (default: ${DEFAULT-VALUE})")
  int innerFolds;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    TRIBUO_LOGGER.setLevel(Level.WARNING);
    if (threads <= 0) {
      throw new IllegalArgumentException("--threads must be positive, was " + threads);
    }
    for (String key : new String[] {"seed", "threads"}) {
      if (gbmOverrides.containsKey(key)) {
        throw new IllegalArgumentException("set the GBM " + key + " with --" + key
            + ", not --gbm " + key + "=...");
      }
    }
    if (innerFolds < 2) {
      throw new IllegalArgumentException("--inner-folds must be at least 2, was " + innerFolds);
    }
    GbmConfig gbm = GbmConfig.fromMap(gbmOverrides).withThreads(threads);
    CrossValidation.Plan plan =
        new CrossValidation.Plan(folds, seed, gbm, ScorecardConfig.defaults());
    LabelledMatrix matrix = TabularReader.read(data, label, positive);
    boolean nested = gbmOverrides.isEmpty();
    CrossValidation.Result result;
    CrossValidation.NestedResult selection = null;
    long steps = nested ? (long) folds * (GbmGrid.CANDIDATES.size() + 2) : 2L * folds;
    try (Progress progress = Progress.start("tabular-cv", steps, json)) {
      if (nested) {
        selection = CrossValidation.runNested(matrix, plan, GbmGrid.CANDIDATES, innerFolds,
            progress);
        result = selection.result();
      } else {
        result = CrossValidation.run(matrix, plan, progress);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      JsonOut.print(System.out, toJson(result, plan, selection, seconds));
    } else {
      System.out.printf(Locale.ROOT, "%s: %d rows, %d positives, %d features, %d folds, seed %d%n",
          data, result.rows(), result.positives(), result.features(), folds, seed);
      if (selection != null) {
        System.out.printf(Locale.ROOT, "gbm configuration chosen by nested %d-fold"
            + " cross-validation inside each outer training fold among %d candidates; chosen: %s%n",
            innerFolds, selection.grid().size(), selection.outer().stream()
                .map(CrossValidation.OuterFold::chosen).toList());
      } else {
        System.out.println("gbm configuration given on the command line (not selected)");
      }
      print("gbm", result.gbm());
      print("logit", result.logit());
      System.out.printf(Locale.ROOT, "%.1f s%n", seconds);
    }
    return 0;
  }

  private static void print(String name, CrossValidation.AlgorithmResult result) {
    System.out.printf(Locale.ROOT, "%-6s AUC %.4f ± %.4f  (fit %.1f s)%n", name,
        result.auc().mean(), result.auc().sd(), result.fitSeconds());
  }

  static Map<String, Object> toJson(CrossValidation.Result result, CrossValidation.Plan plan,
      CrossValidation.NestedResult selection, double seconds) {
    Map<String, Object> algorithms = new LinkedHashMap<>();
    Map<String, Object> gbm = algorithmJson(result.gbm(),
        selection == null ? plan.gbm().asMap() : null);
    Map<String, Object> chosen = new LinkedHashMap<>();
    if (selection == null) {
      chosen.put("method", "fixed: given on the command line, not selected");
    } else {
      chosen.put("method", "nested cross-validation: chosen inside each outer training fold by"
          + " inner stratified folds; the outer test fold takes no part in the choice");
      chosen.put("inner_folds", selection.innerFolds());
      chosen.put("grid", GbmGrid.toJson(selection.grid()));
      List<Map<String, Object>> perFold = new ArrayList<>();
      for (CrossValidation.OuterFold f : selection.outer()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fold", f.fold());
        m.put("chosen", f.chosen());
        Map<String, Object> inner = new LinkedHashMap<>();
        f.innerAuc().forEach((k, v) -> inner.put(k, round(v, 6)));
        m.put("inner_auc", inner);
        m.put("auc", round(f.auc(), 6));
        perFold.add(m);
      }
      chosen.put("outer_folds", perFold);
    }
    gbm.put("selection", chosen);
    algorithms.put("gbm", gbm);
    algorithms.put("logit", algorithmJson(result.logit(), plan.scorecard().asMap()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows", result.rows());
    json.put("positives", result.positives());
    json.put("features", result.features());
    json.put("folds", plan.folds());
    json.put("seed", plan.seed());
    json.put("algorithms", algorithms);
    json.put("seconds", round(seconds, 3));
    return json;
  }

  private static Map<String, Object> algorithmJson(CrossValidation.AlgorithmResult result,
      Map<String, String> config) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("auc_mean", round(result.auc().mean(), 6));
    json.put("auc_sd", round(result.auc().sd(), 6));
    json.put("fold_aucs", result.auc().values().stream().map(v -> round(v, 6)).toList());
    json.put("fit_seconds", round(result.fitSeconds(), 3));
    if (config != null) {
      json.put("hyperparameters", config);
    }
    return json;
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  /** The GBM hyperparameter names, for {@code --help}. */
  static final class GbmKeys extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    GbmKeys() {
      super(GbmConfig.defaults().asMap().keySet());
    }
  }
}
