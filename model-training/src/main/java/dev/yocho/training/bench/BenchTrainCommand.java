package dev.yocho.training.bench;

import dev.yocho.cli.Databases;
import dev.yocho.cli.HeapPeak;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.gbm.GbmTrainer;
import dev.yocho.training.labels.Labels;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code yocho bench train}: fits yocho's GBM on up to {@code --rows} firm-months × the full
 * catalogue (month-end snapshots of the database), then, unless {@code --no-peer}, XGBoost's
 * native trainer on the same rows and parameters (../shared/peers/score_bench.py), and reports
 * both wall times and their ratio, with yocho's peak heap.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of this module: 'train' (GBM fit time against native XGBoost),"
        + " 'backtest' (a 36-month backtest with one bundle and walk-forward) and"
        + " 'learning-curve' (honest out-of-time accuracy on the same firms as the universe grows).")
public final class BenchTrainCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "benchmark name: train, backtest or learning-curve")
  String name;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--models", defaultValue = "data/bench-backtest-models",
      description = "backtest: where the bundle is trained (default: ${DEFAULT-VALUE})")
  Path models;

  @Option(names = "--report", defaultValue = "data/bench-backtest-reports",
      description = "backtest: where both reports are written (default: ${DEFAULT-VALUE})")
  Path report;

  @Option(names = "--db", defaultValue = "data/yocho.duckdb", description = "database (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--rows", defaultValue = "1000000", description = "firm-months (default: ${DEFAULT-VALUE})")
  int rows;

  @Option(names = "--trees", defaultValue = "300", description = "boosting rounds (default: ${DEFAULT-VALUE})")
  int trees;

  @Option(names = "--depth", defaultValue = "6", description = "tree depth (default: ${DEFAULT-VALUE})")
  int depth;

  @Option(names = "--peer", defaultValue = "../shared/peers/score_bench.py",
      description = "the peer script (default: ${DEFAULT-VALUE})")
  Path peer;

  @Option(names = "--no-peer", description = "skip the native XGBoost run")
  boolean noPeer;

  @Option(names = "--sizes", split = ",", defaultValue = "20000,100000,400000",
      description = "learning-curve: universe sizes in firms (default: ${DEFAULT-VALUE})")
  List<Integer> sizes;

  @Option(names = "--dir", defaultValue = "data/learning-curve",
      description = "learning-curve: where the universes are and the bundles go (default:"
          + " ${DEFAULT-VALUE})")
  Path learningCurveDir;

  @Option(names = "--algo", defaultValue = "gbm",
      description = "learning-curve: gbm or logit (default: ${DEFAULT-VALUE})")
  dev.yocho.training.pipeline.TrainConfig.Algorithm algorithm;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if ("backtest".equals(name)) {
      boolean dbGiven = spec.commandLine().getParseResult().hasMatchedOption("--db");
      return new BenchBacktest(dbGiven ? db : BenchBacktest.DEFAULT_DB, models, report, json)
          .call();
    }
    if ("learning-curve".equals(name)) {
      return new BenchLearningCurve(sizes, learningCurveDir, algorithm, json).call();
    }
    if (!"train".equals(name)) {
      throw new UsageException("unknown benchmark '" + name + "' here (this module has: train,"
          + " backtest, learning-curve)");
    }
    if (!noPeer && !Files.isRegularFile(peer)) {
      throw new UsageException("--peer " + peer + " does not exist (or pass --no-peer)");
    }
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    LabelledMatrix data;
    long loadStart = System.nanoTime();
    try (Connection conn = Databases.openReadOnly(db)) {
      var window = dev.yocho.features.compute.DataWindow.read(conn);
      List<LocalDate> dates = Labels.monthEnds(window.from(), window.to());
      FeatureMatrix m = new BatchFeatures().compute(conn, dates);
      Labels labels = Labels.compute(conn, dates);
      int n = Math.min(rows, m.rows());
      double[][] x = new double[n][];
      boolean[] y = new boolean[n];
      for (int r = 0; r < n; r++) {
        x[r] = m.row(r).values();
        y[r] = labels.defaulted(r);
      }
      data = new LabelledMatrix(catalogue.names(), x, y);
    }
    double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

    // the peer's parameters: binary:logistic, hist, depth, eta 0.05, 2 threads, XGBoost's defaults
    GbmConfig config = new GbmConfig(trees, depth, false, 0, 0.05, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0,
        0.0, 256, false, 2, 0);
    HeapPeak.reset();
    long fitStart = System.nanoTime();
    new GbmTrainer(config).fit(data);
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
    long peakHeapMib = HeapPeak.mebibytes();

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "train");
    out.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("rows", data.rowCount());
    out.put("features", data.featureCount());
    out.put("positives", data.positives());
    out.put("trees", trees);
    out.put("depth", depth);
    out.put("load_seconds", loadSeconds);
    out.put("yocho_fit_seconds", fitSeconds);
    out.put("peak_heap_mib", peakHeapMib);
    if (!noPeer) {
      double peerSeconds = runPeer(data);
      out.put("xgboost_native_fit_seconds", peerSeconds);
      out.put("ratio_yocho_to_native", fitSeconds / peerSeconds);
    }
    if (json) {
      JsonOut.print(System.out, out);
    } else {
      System.out.printf(Locale.ROOT, "train: %,d rows × %d features, %d trees of depth %d:"
          + " yocho %.1f s%s; peak heap %,d MiB%n", data.rowCount(), data.featureCount(), trees,
          depth, fitSeconds, noPeer ? "" : String.format(Locale.ROOT,
              ", native XGBoost %.1f s, ratio %.2f", out.get("xgboost_native_fit_seconds"),
              out.get("ratio_yocho_to_native")), peakHeapMib);
    }
    return 0;
  }

  private double runPeer(LabelledMatrix data) throws IOException, InterruptedException {
    Path csv = Files.createTempFile("yocho-bench-train-", ".csv");
    try {
      try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
        w.write(String.join(",", data.featureNames()));
        w.write(",y\n");
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < data.rowCount(); r++) {
          line.setLength(0);
          for (double v : data.rows()[r]) {
            if (!Double.isNaN(v)) {
              line.append((float) v);
            }
            line.append(',');
          }
          line.append(data.labels()[r] ? '1' : '0').append('\n');
          w.write(line.toString());
        }
      }
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", peer.toString(), "--csv",
          csv.toString(), "--label", "y", "--trees", Integer.toString(trees), "--depth",
          Integer.toString(depth), "--eta", "0.05", "--shap-rows", "1000"));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new UsageException("the peer failed (is python3-xgboost installed? apt-get install -y"
            + " python3-sklearn python3-xgboost python3-pandas): "
            + output.lines().reduce((a, b) -> b).orElse(""));
      }
      String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
      return JsonOut.mapper().readTree(last).get("fit_s").asDouble();
    } finally {
      Files.deleteIfExists(csv);
    }
  }
}
