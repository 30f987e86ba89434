package dev.yocho.features.cli;

import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.SingleFirmFeatures;
import dev.yocho.features.model.Schema;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yocho bench features}: the batch path (Parquet, as the CLI writes it, and the in-memory
 * matrix) for every live firm as of one date, and the single-firm path's latency percentiles,
 * against a DuckDB file: the one given by {@code --db}, or a load-shaped universe of {@code
 * --firms} firms generated into a temporary file.
 */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = "Benchmark batch and single-firm feature computation.")
public final class BenchFeaturesCommand implements Callable<Integer> {
  @Option(names = "--firms", paramLabel = "N",
      description = "firms of the generated universe when no --db (default: ${DEFAULT-VALUE})")
  int firms = 20_000;

  @Option(names = "--db", paramLabel = "PATH", description = "benchmark this DuckDB file instead")
  Path db;

  @Option(names = "--save-db", paramLabel = "PATH",
      description = "keep the generated universe in this new file (for repeated runs with --db)")
  Path saveDb;

  @Option(names = "--as-of", paramLabel = "DATE", description = "as-of date (default: ${DEFAULT-VALUE})")
  String asOf = "2025-06-30";

  @Option(names = "--samples", paramLabel = "K",
      description = "single-firm calls timed (default: ${DEFAULT-VALUE})")
  int samples = 1000;

  @Option(names = "--warmup", paramLabel = "K",
      description = "untimed single-firm calls first, as a running server is warm"
          + " (default: ${DEFAULT-VALUE})")
  int warmup = 1000;

  @Option(names = "--no-matrix", description = "skip the in-memory matrix run")
  boolean noMatrix;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws SQLException, IOException {
    double startupSeconds =
        (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    LocalDate date = IsoDateConverter.parse("--as-of", asOf);
    if (samples < 1) {
      throw new UsageException("--samples must be positive, got " + samples);
    }
    if (warmup < 0) {
      throw new UsageException("--warmup must not be negative, got " + warmup);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    Path file = db;
    Path scratch = null;
    if (file == null) {
      if (firms < 1) {
        throw new UsageException("--firms must be positive, got " + firms);
      }
      if (saveDb != null) {
        if (Files.exists(saveDb)) {
          throw new UsageException("--save-db " + saveDb + " already exists");
        }
        file = saveDb;
      } else {
        scratch = Files.createTempDirectory("yocho-bench-");
        file = scratch.resolve("bench.duckdb");
      }
      long t = System.nanoTime();
      long rows = generate(file, firms);
      result.put("generate_seconds", FeaturesCommand.seconds(t));
      result.put("rows_generated", rows);
      say("generated %d firms (%d rows) in %.1f s", firms, rows, FeaturesCommand.seconds(t));
    }
    try (Connection connection = Databases.openReadOnly(file)) {
      DataWindow.read(connection).require(date);
      Path parquet = Files.createTempFile("yocho-bench-", ".parquet");
      Files.delete(parquet);
      long t = System.nanoTime();
      long cpu = processCpuNanos();
      long live = new BatchFeatures().writeParquet(connection, date, parquet);
      double batchSeconds = FeaturesCommand.seconds(t);
      double batchCpuSeconds = (processCpuNanos() - cpu) / 1e9;
      say("batch: %d live firms as of %s to Parquet in %.2f s (%.2f s with JVM start-up;"
          + " %.2f s of process CPU)", live, date, batchSeconds, batchSeconds + startupSeconds,
          batchCpuSeconds);
      List<Long> liveIds = new ArrayList<>();
      try (Statement st = connection.createStatement();
          ResultSet rs = st.executeQuery("SELECT firm_id FROM read_parquet('"
              + FeaturesCommand.sqlString(parquet) + "') ORDER BY firm_id")) {
        while (rs.next()) {
          liveIds.add(rs.getLong(1));
        }
      }
      Files.deleteIfExists(parquet);
      result.put("firms", liveIds.size());
      result.put("as_of", date.toString());
      result.put("features", FeatureCatalogue.current().size());
      result.put("catalogue_version", FeatureCatalogue.current().version());
      result.put("jvm_startup_seconds", startupSeconds);
      result.put("batch_seconds", batchSeconds);
      result.put("batch_with_startup_seconds", batchSeconds + startupSeconds);
      // on a shared machine wall time includes waiting for the CPU; CPU time does not
      result.put("batch_cpu_seconds", batchCpuSeconds);

      if (!noMatrix) {
        t = System.nanoTime();
        FeatureMatrix matrix = new BatchFeatures().compute(connection, date);
        double matrixSeconds = FeaturesCommand.seconds(t);
        say("batch: %d rows into a Java matrix in %.2f s", matrix.rows(), matrixSeconds);
        result.put("matrix_seconds", matrixSeconds);
      }

      if (liveIds.isEmpty()) {
        throw new UsageException("no live firm as of " + date + " to time");
      }
      SingleFirmFeatures single = new SingleFirmFeatures();
      SplittableRandom random = new SplittableRandom(42);
      long coldStart = System.nanoTime();
      single.compute(connection, liveIds.get(random.nextInt(liveIds.size())), date);
      double coldMillis = (System.nanoTime() - coldStart) / 1e6;
      for (int i = 0; i < warmup; i++) {
        single.compute(connection, liveIds.get(random.nextInt(liveIds.size())), date);
      }
      double[] millis = new double[samples];
      for (int i = 0; i < samples; i++) {
        long id = liveIds.get(random.nextInt(liveIds.size()));
        long s = System.nanoTime();
        single.compute(connection, id, date);
        millis[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(millis);
      double p50 = percentile(millis, 0.50);
      double p99 = percentile(millis, 0.99);
      say("single firm: first call %.1f ms (industry rates); p50 %.2f ms, p99 %.2f ms, max %.2f ms"
          + " over %d calls", coldMillis, p50, p99, millis[millis.length - 1], samples);
      result.put("single_first_call_ms", coldMillis);
      result.put("single_p50_ms", p50);
      result.put("single_p99_ms", p99);
      result.put("single_max_ms", millis[millis.length - 1]);
      result.put("single_samples", samples);
      result.put("single_warmup", warmup);
    } finally {
      if (scratch != null) {
        deleteTree(scratch);
      }
    }
    result.put("cores", Runtime.getRuntime().availableProcessors());
    if (json) {
      JsonOut.print(stdout, result);
    }
    return 0;
  }

  private static long generate(Path file, int firms) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
      Schema.createObservable(c);
      String script = Schema.resource(BenchFeaturesCommand.class, "bench_universe.sql")
          .replace(":firms", Integer.toString(firms));
      Schema.execute(c, script);
      long rows = 0;
      try (Statement st = c.createStatement()) {
        for (String table : Schema.OBSERVABLE_TABLES) {
          try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            rows += rs.getLong(1);
          }
        }
        st.execute("CHECKPOINT");
      }
      return rows;
    }
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static double percentile(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private void say(String format, Object... args) {
    if (!json) {
      stdout.println(String.format(Locale.ROOT, format, args));
    }
  }

  private static void deleteTree(Path dir) {
    List<Path> paths;
    try (var walk = Files.walk(dir)) {
      paths = walk.sorted(java.util.Comparator.reverseOrder()).toList();
    } catch (IOException e) {
      return; // a leftover temporary directory is harmless
    }
    for (Path p : paths) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // keep deleting the rest
      }
    }
  }
}
