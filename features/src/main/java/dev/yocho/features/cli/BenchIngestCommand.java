package dev.yocho.features.cli;

import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.contract.Contract;
import dev.yocho.features.contract.TableContract;
import dev.yocho.features.ingest.Export;
import dev.yocho.features.ingest.Ingest;
import dev.yocho.features.ingest.IngestBatch;
import dev.yocho.features.ingest.IngestRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yocho bench ingest}: the observable tables of a database exported to CSV, then, in the
 * same run and alternately, loaded by DuckDB's own {@code read_csv} with the contract's explicit
 * schema into plain tables of an empty database, and by {@code yocho ingest} (every check) into
 * another. The figure is the ratio of the two rates: a ratio holds on a noisy machine.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Clean CSV ingest (validation included) against DuckDB's plain read_csv of the"
        + " same files, in the same run.")
public final class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", required = true,
      description = "a database to export (e.g. a generated 20,000-firm universe)")
  Path db;

  @Option(names = "--runs", paramLabel = "N", description = "runs of each (default: ${DEFAULT-VALUE})")
  int runs = 3;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws SQLException, IOException {
    if (runs < 1 || runs > 20) {
      throw new UsageException("--runs must be in [1, 20], was " + runs);
    }
    Contract contract = Contract.get();
    Path work = Files.createTempDirectory("yocho-bench-ingest-");
    try {
      Path files = Files.createDirectories(work.resolve("files"));
      long rows = 0;
      long bytes = 0;
      try (Connection c = Databases.openReadOnly(db)) {
        for (TableContract t : contract.tables()) {
          Path out = files.resolve(t.name() + ".csv");
          rows += Export.write(c, t, out, Export.Format.CSV);
          bytes += Files.size(out);
        }
      }
      String knowledge;
      try (Connection c = Databases.openReadOnly(db)) {
        knowledge = String.valueOf(IngestRun.dataThrough(c));
      }
      double[] plain = new double[runs];
      double[] ingest = new double[runs];
      for (int r = 0; r < runs; r++) {
        plain[r] = plainRead(contract, files, work.resolve("plain-" + r + ".duckdb"));
        ingest[r] = validatedIngest(files, work.resolve("ingest-" + r + ".duckdb"),
            java.time.LocalDate.parse(knowledge));
      }
      double plainBest = min(plain);
      double ingestBest = min(ingest);
      double ratio = plainBest / ingestBest;
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", rows);
        out.put("csv_bytes", bytes);
        out.put("runs", runs);
        out.put("read_csv_seconds", round(plainBest));
        out.put("ingest_seconds", round(ingestBest));
        out.put("read_csv_rows_per_second", Math.round(rows / plainBest));
        out.put("ingest_rows_per_second", Math.round(rows / ingestBest));
        out.put("ratio", round(ratio));
        JsonOut.print(stdout, out);
      } else {
        stdout.printf(Locale.ROOT, "%,d rows (%,d MB of CSV), best of %d runs: read_csv %.2f s,"
            + " yocho ingest %.2f s; ingest rate / read_csv rate = %.2f (target >= 0.5)%n",
            rows, bytes >> 20, runs, plainBest, ingestBest, ratio);
      }
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  /** DuckDB's own reader with the contract's explicit schema into plain tables. */
  private static double plainRead(Contract contract, Path files, Path target)
      throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + target);
        Statement st = c.createStatement()) {
      long started = System.nanoTime();
      for (TableContract t : contract.tables()) {
        String columns = t.columns().stream()
            .map(col -> "'" + col.name() + "': '" + col.type() + "'")
            .collect(Collectors.joining(", "));
        st.execute("CREATE TABLE " + t.name() + " AS SELECT * FROM read_csv('"
            + files.resolve(t.name() + ".csv").toAbsolutePath() + "', header = true,"
            + " auto_detect = false, columns = {" + columns + "})");
      }
      st.execute("CHECKPOINT");
      return (System.nanoTime() - started) / 1e9;
    }
  }

  private static double validatedIngest(Path files, Path target, java.time.LocalDate knowledge)
      throws SQLException {
    long started = System.nanoTime();
    try (Connection c = IngestRun.openOrCreate(target)) {
      IngestRun.Summary s = new IngestRun(new Ingest(Contract.get()), target).ingest(c,
          IngestBatch.plan(List.of(files)), knowledge, StandardCharsets.UTF_8, b -> { });
      if (s.rejected() > 0) {
        throw new IllegalStateException("the exported files had " + s.rejected()
            + " rejected rows: " + s.rejectsByCode());
      }
      try (Statement st = c.createStatement()) {
        st.execute("CHECKPOINT");
      }
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static double min(double[] xs) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : xs) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static double round(double x) {
    return Math.round(x * 1000) / 1000.0;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
