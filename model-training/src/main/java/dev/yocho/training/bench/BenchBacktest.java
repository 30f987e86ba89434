package dev.yocho.training.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Databases;
import dev.yocho.cli.HeapPeak;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.training.backtest.Backtest;
import dev.yocho.training.backtest.BacktestCommand;
import dev.yocho.training.backtest.BacktestOptions;
import dev.yocho.training.backtest.ScoringModel;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.pipeline.TrainResult;
import dev.yocho.training.pipeline.TrainingPipeline;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code yocho bench backtest}: on a 20,000-firm universe (the launcher generates {@value
 * #DEFAULT_DB} once: 2020-01-01 to 2025-12-31, seed 42, so that walk-forward has labelled data
 * before its first year boundary), trains one bundle with the default configuration, then times a
 * 36-month backtest (the last 36 labelled month-ends) with that bundle and with walk-forward
 * retraining, each including its report, with the peak heap of each.
 */
final class BenchBacktest {
  static final Path DEFAULT_DB = Path.of("data/bench-backtest.duckdb");
  static final int MONTHS = 36;

  private final Path db;
  private final Path models;
  private final Path reports;
  private final boolean json;

  BenchBacktest(Path db, Path models, Path reports, boolean json) {
    this.db = db;
    this.models = models;
    this.reports = reports;
    this.json = json;
  }

  Integer call() throws Exception {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "backtest");
    out.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("db", db.toString());
    try (Connection conn = Databases.openReadOnly(db)) {
      DataWindow window = DataWindow.read(conn);
      LocalDate to = YearMonth.from(window.to().minusDays(365)).atEndOfMonth();
      if (to.isAfter(window.to().minusDays(365))) {
        to = YearMonth.from(to).minusMonths(1).atEndOfMonth();
      }
      LocalDate from = YearMonth.from(to).minusMonths(MONTHS - 1).atDay(1);
      out.put("from", from.toString());
      out.put("to", to.toString());
      out.put("as_of_dates", MONTHS);

      HeapPeak.reset();
      long t0 = System.nanoTime();
      TrainResult trained = new TrainingPipeline(TrainConfig.defaults(TrainConfig.Algorithm.GBM))
          .run(conn, models);
      out.put("train_seconds", seconds(t0));
      out.put("model_version", trained.modelVersion());

      HeapPeak.reset();
      long t1 = System.nanoTime();
      BacktestOptions one = BacktestOptions.of(from, to, false);
      ScoringModel bundle = ScoringModel.load(trained.bundle());
      Map<String, Object> metrics = new Backtest(one).run(conn, bundle, reports.resolve("one"), true);
      JsonNode tree = BacktestCommand.write(metrics, reports.resolve("one"));
      out.put("backtest_seconds", seconds(t1));
      out.put("backtest_peak_heap_mib", HeapPeak.mebibytes());
      out.put("backtest_firm_months", tree.path("pooled").path("firm_months").asLong());
      out.put("backtest_auc", tree.path("pooled").path("auc").asDouble());

      HeapPeak.reset();
      long t2 = System.nanoTime();
      BacktestOptions walk = BacktestOptions.of(from, to, true);
      Map<String, Object> wf = new Backtest(walk).run(conn, null, reports.resolve("walk-forward"),
          true);
      JsonNode wfTree = BacktestCommand.write(wf, reports.resolve("walk-forward"));
      out.put("walk_forward_seconds", seconds(t2));
      out.put("walk_forward_peak_heap_mib", HeapPeak.mebibytes());
      out.put("walk_forward_models", wfTree.path("models").size());
      out.put("walk_forward_auc", wfTree.path("pooled").path("auc").asDouble());
    }
    if (json) {
      JsonOut.print(System.out, out);
    } else {
      System.out.printf(Locale.ROOT, "backtest of %d month-ends (%s to %s), %,d firm-months:"
              + " one bundle %.1f s (peak heap %,d MiB), walk-forward with %d models %.1f s (peak"
              + " heap %,d MiB); training the bundle took %.1f s%n", MONTHS, out.get("from"),
          out.get("to"), out.get("backtest_firm_months"), out.get("backtest_seconds"),
          out.get("backtest_peak_heap_mib"), out.get("walk_forward_models"),
          out.get("walk_forward_seconds"), out.get("walk_forward_peak_heap_mib"),
          out.get("train_seconds"));
    }
    return 0;
  }

  private static double seconds(long start) {
    return Math.round((System.nanoTime() - start) / 1e6) / 1000.0;
  }
}
