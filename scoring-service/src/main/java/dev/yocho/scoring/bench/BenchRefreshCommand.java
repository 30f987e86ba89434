package dev.yocho.scoring.bench;

import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.bundle.TierModel;
import dev.yocho.scoring.explain.BaselineShapley;
import dev.yocho.scoring.explain.TreeShap;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.RefreshJob;
import dev.yocho.scoring.refresh.RefreshResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** See the package documentation. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks of this module: 'refresh' — one day's refresh end to end (it writes"
        + " that day's grades to --db), then ONNX Runtime scoring on 1 and 2 threads, TreeSHAP and"
        + " baseline Shapley on the same rows, beside XGBoost's native predictor and pred_contribs"
        + " on the same model (written in XGBoost's JSON format) and the same rows"
        + " (../shared/peers/score_bench.py --model --csv).")
public final class BenchRefreshCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "benchmark name: refresh")
  String name;

  @Option(names = "--db", defaultValue = "data/yocho.duckdb", description = "database (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--models", defaultValue = "models", description = "models root (default: ${DEFAULT-VALUE})")
  Path models;

  @Option(names = "--as-of", converter = dev.yocho.cli.IsoDateConverter.class,
      description = "refresh date (default: the data window's last day)")
  LocalDate asOf;

  @Option(names = "--shap-rows", defaultValue = "5000", description = "TreeSHAP rows (default: ${DEFAULT-VALUE})")
  int shapRows;

  @Option(names = "--peer-shap-rows", defaultValue = "2000",
      description = "rows for the peer's pred_contribs, slower than ours (default: ${DEFAULT-VALUE})")
  int peerShapRows;

  @Option(names = "--peer-rows", defaultValue = "500000",
      description = "rows scored by both yocho and the peer (default: ${DEFAULT-VALUE})")
  int peerRows;

  @Option(names = "--peer", defaultValue = "../shared/peers/score_bench.py", description = "peer script")
  Path peer;

  @Option(names = "--no-peer", description = "skip XGBoost's native figures")
  boolean noPeer;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!"refresh".equals(name)) {
      throw new UsageException("unknown benchmark '" + name + "' here (this module has: refresh)");
    }
    if (!noPeer && !Files.isRegularFile(peer)) {
      throw new UsageException("--peer " + peer + " does not exist (or pass --no-peer)");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "refresh");
    out.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection conn = Databases.open(db, false)) {
      LocalDate day = asOf != null ? asOf : DataWindow.read(conn).to();
      List<String> stages = new java.util.ArrayList<>();
      RefreshResult refresh = new RefreshJob(store, stages::add, 2).run(conn, day);
      out.put("refresh_stages", stages);
      out.put("as_of", day.toString());
      out.put("firms", refresh.firms());
      out.put("transitions", refresh.upgrades() + refresh.downgrades());
      out.put("refresh_seconds", refresh.seconds());

      TierModel full = store.current().model(Tier.FULL);
      FeatureMatrix today = new BatchFeatures().compute(conn, day);
      FeatureMatrix yesterday = new BatchFeatures().compute(conn, day.minusDays(1));
      int f = today.columns();
      int n = Math.min(today.rows(), peerRows);
      float[] rows = new float[n * f];
      for (int r = 0; r < n; r++) {
        float[] x = TreeEnsemble.toFloat(today.row(r).values());
        System.arraycopy(x, 0, rows, r * f, f);
      }
      TreeEnsemble ensemble = full.ensemble();
      int depth = 0;
      long nodes = 0;
      for (Tree t : ensemble.trees()) {
        depth = Math.max(depth, t.maxDepth());
        nodes += t.nodeCount();
      }
      out.put("model_trees", ensemble.trees().size());
      out.put("model_max_depth", depth);
      out.put("model_nodes", nodes);
      out.put("features", f);
      out.put("rows", n);

      out.put("onnx_rows_per_s_1t", scoreRate(full, rows, n, f, 1));
      out.put("onnx_rows_per_s_2t", scoreRate(full, rows, n, f, 2));

      TreeShap shap = new TreeShap(ensemble);
      TreeShap.Workspace ws = shap.newWorkspace();
      double[] phi = new double[f];
      int m = Math.min(shapRows, n);
      float[] x = new float[f];
      double sink = 0;
      long t0 = System.nanoTime();
      for (int r = 0; r < m; r++) {
        System.arraycopy(rows, r * f, x, 0, f);
        sink += shap.shap(x, phi, ws);
      }
      out.put("treeshap_rows_per_s_1t", Math.round(m / ((System.nanoTime() - t0) / 1e9)));

      // baseline Shapley on real day-over-day pairs of the same firms
      BaselineShapley shapley = new BaselineShapley(ensemble);
      BaselineShapley.Workspace bws = shapley.newWorkspace();
      int pairs = 0;
      long t1 = System.nanoTime();
      for (int r = 0; r < today.rows(); r++) {
        int prev = yesterday.find(today.firmId(r), day.minusDays(1));
        if (prev < 0) {
          continue;
        }
        float[] later = TreeEnsemble.toFloat(today.row(r).values());
        shapley.attribute(TreeEnsemble.toFloat(yesterday.row(prev).values()), later, phi, bws);
        sink += phi[0];
        pairs++;
      }
      double pairSeconds = (System.nanoTime() - t1) / 1e9;
      out.put("shapley_pairs", pairs);
      out.put("shapley_pairs_per_s_1t", Math.round(pairs / pairSeconds));
      if (Double.isNaN(sink)) {
        out.put("note", "NaN in a checksum");
      }

      if (!noPeer) {
        Map<String, Object> peerFigures = runPeer(ensemble, rows, n, f);
        out.put("peer", peerFigures);
        ratio(out, "onnx_rows_per_s_1t", peerFigures, "score_rows_per_s_1t", "ratio_scoring_1t");
        ratio(out, "onnx_rows_per_s_2t", peerFigures, "score_rows_per_s_2t", "ratio_scoring_2t");
        ratio(out, "treeshap_rows_per_s_1t", peerFigures, "shap_rows_per_s_1t", "ratio_treeshap_1t");
      }
    }
    if (json) {
      JsonOut.print(System.out, out);
    } else {
      out.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-28s %s%n", k, v));
    }
    return 0;
  }

  private static void ratio(Map<String, Object> out, String ours, Map<String, Object> peer,
      String theirs, String key) {
    Object p = peer.get(theirs);
    if (p instanceof Number pn && pn.doubleValue() > 0) {
      out.put(key, ((Number) out.get(ours)).doubleValue() / pn.doubleValue());
    }
  }

  /** Rows per second through ONNX Runtime: one single-threaded session per scoring thread. */
  private static long scoreRate(TierModel model, float[] rows, int n, int f, int threads)
      throws Exception {
    int batch = 4096;
    double[] margins = new double[n];
    // warm-up
    model.scorer().margins(rows, Math.min(n, batch), margins);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> futures = new java.util.ArrayList<>();
      int share = (n + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int lo = t * share;
        int hi = Math.min(n, lo + share);
        futures.add(pool.submit(() -> {
          float[] chunk = new float[batch * f];
          double[] m = new double[batch];
          for (int start = lo; start < hi; start += batch) {
            int rowsInBatch = Math.min(batch, hi - start);
            System.arraycopy(rows, start * f, chunk, 0, rowsInBatch * f);
            model.scorer().margins(chunk, rowsInBatch, m);
          }
          return null;
        }));
      }
      for (Future<?> fu : futures) {
        fu.get();
      }
      return Math.round(n / ((System.nanoTime() - t0) / 1e9));
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /**
   * XGBoost's figures on the same model and rows: the ensemble in XGBoost's JSON format and the
   * rows as CSV, in a temporary directory removed afterwards.
   */
  private Map<String, Object> runPeer(TreeEnsemble ensemble, float[] rows, int n, int f)
      throws Exception {
    Path dir = Files.createTempDirectory("yocho-bench-peer");
    try {
      Path model = dir.resolve("model.json");
      Path csv = dir.resolve("rows.csv");
      XgboostModelFile.writeModel(ensemble, model);
      XgboostModelFile.writeRows(rows, n, f, csv);
      return runPeerProcess(model, csv, Math.min(peerShapRows, n));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private Map<String, Object> runPeerProcess(Path model, Path csv, int contribRows)
      throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", peer.toString(), "--model",
        model.toString(), "--csv", csv.toString(), "--shap-rows", Integer.toString(contribRows))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new UsageException("the peer failed (apt-get install -y python3-xgboost): "
          + output.lines().reduce((a, b) -> b).orElse(""));
    }
    String last = output.strip().lines().reduce((a, b) -> b).orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, Object> figures = JsonOut.mapper().readValue(last, Map.class);
    return figures;
  }
}
