package dev.yocho.scoring.cli;

import dev.yocho.cli.ExitCodes;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.contract.Contract;
import dev.yocho.features.ingest.BatchResult;
import dev.yocho.features.ingest.Ingest;
import dev.yocho.features.ingest.IngestBatch;
import dev.yocho.features.ingest.IngestRun;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.GradeStore;
import dev.yocho.scoring.refresh.RefreshJob;
import dev.yocho.scoring.refresh.RefreshResult;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yocho daily}: the cron entry point. Ingests every batch in the inbox in name order,
 * refreshes every day after the last refreshed one up to the date the data are now complete
 * through, then moves the processed batches to the archive. Safe to run twice or after a crash:
 * an ingested batch is recognised by its SHA-256 and skipped, and the days to refresh are read
 * from the grades already stored, not from this run's batches.
 */
@Command(
    name = "daily",
    mixinStandardHelpOptions = true,
    description = {
        "Ingest every new batch in the inbox (directories named YYYY-MM-DD, in name order),"
            + " refresh every day that became complete, move the processed batches to the"
            + " archive. Safe to run twice.",
        "Exit codes: 0 done, 3 done but some rows were rejected (see ingest_rejects), 2 input"
            + " that cannot be read (that batch stays in the inbox)."})
public final class DailyCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--models", paramLabel = "DIR",
      description = "models root; DIR/CURRENT names the bundle to serve (default: ${DEFAULT-VALUE})")
  Path models = Path.of("models");

  @Option(names = "--inbox", paramLabel = "DIR", required = true,
      description = "directory of batches (one directory per knowledge date, YYYY-MM-DD)")
  Path inbox;

  @Option(names = "--archive", paramLabel = "DIR",
      description = "where processed batches are moved (default: left in the inbox)")
  Path archive;

  @Option(names = "--encoding", paramLabel = "NAME",
      description = "CSV encoding: UTF-8 (default) or CP932 (Shift_JIS)")
  String encoding = "UTF-8";

  @Option(names = "--threads", paramLabel = "N",
      description = "scoring threads; the grades do not depend on it (default: ${DEFAULT-VALUE})")
  int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;
  PrintStream stderr = System.err;

  @Override
  public Integer call() throws SQLException {
    long started = System.nanoTime();
    if (!Files.isDirectory(inbox)) {
      throw new UsageException("--inbox is not a directory: " + inbox);
    }
    if (archive != null && !Files.isDirectory(archive)) {
      throw new UsageException("--archive is not a directory: " + archive);
    }
    List<IngestBatch> batches = hasEntries(inbox)
        ? IngestBatch.plan(List.of(inbox)) : List.of();
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection connection = IngestRun.openOrCreate(db)) {
      store.current(); // verify the bundle before touching the database
      IngestRun.Summary ingested = new IngestRun(new Ingest(Contract.get()), db)
          .ingest(connection, batches, null, IngestRun.charset(encoding), this::report);
      LocalDate through = ingested.dataThrough();
      List<LocalDate> days = through == null ? List.of() : daysToRefresh(connection, through);
      RefreshJob job = new RefreshJob(store, line -> { }, threads);
      List<RefreshResult> refreshed = new ArrayList<>();
      for (LocalDate day : days) {
        RefreshResult r = job.run(connection, day);
        refreshed.add(r);
        if (!json) {
          stdout.printf(Locale.ROOT, "refreshed %s with model %s: %,d firms, %d upgrades,"
              + " %d downgrades (%.1f s)%n", r.asOf(), r.modelVersion(), r.firms(), r.upgrades(),
              r.downgrades(), r.seconds());
        }
      }
      if (archive != null) {
        for (IngestBatch b : batches) {
          archive(b);
        }
      }
      int firms = refreshed.isEmpty() ? 0 : refreshed.get(refreshed.size() - 1).firms();
      int moves = refreshed.stream().mapToInt(RefreshResult::transitions).sum();
      double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batches", ingested.ingested());
        out.put("already_ingested", ingested.skipped());
        out.put("rows_read", ingested.rowsRead());
        out.put("rejected", ingested.rejected());
        out.put("refreshed", refreshed.stream().map(r -> r.asOf().toString()).toList());
        out.put("firms", firms);
        out.put("moves", moves);
        out.put("data_through", String.valueOf(through));
        out.put("seconds", seconds);
        JsonOut.print(stdout, out);
      } else {
        stdout.printf(Locale.ROOT, "daily: %d new batch(es), %d already ingested; %,d rows read,"
            + " %,d rejected; %d day(s) refreshed, %,d firms graded, %,d moves; data complete"
            + " through %s (%.1f s)%n", ingested.ingested(), ingested.skipped(),
            ingested.rowsRead(), ingested.rejected(), refreshed.size(), firms, moves, through,
            seconds);
      }
      return ingested.rejected() > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
    }
  }

  /**
   * The days after the last refreshed one, through {@code through}; only {@code through} itself
   * when nothing was refreshed yet (a first load of history grades its last day, not every day).
   */
  static List<LocalDate> daysToRefresh(Connection connection, LocalDate through)
      throws SQLException {
    Optional<LocalDate> last = GradeStore.hasSchema(connection)
        ? GradeStore.previousRefresh(connection, through.plusDays(1)) : Optional.empty();
    if (last.isEmpty()) {
      return List.of(through);
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = last.get().plusDays(1); !d.isAfter(through); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  private void report(BatchResult b) {
    if (json) {
      return;
    }
    if (b.alreadyIngested()) {
      stdout.printf(Locale.ROOT, "batch %s: already ingested: nothing changed%n", b.name());
    } else {
      stdout.printf(Locale.ROOT, "batch %s (known %s): %,d rows read, %,d accepted, %,d"
          + " rejected, %,d duplicates%n", b.name(), b.knowledgeDate(), b.rowsRead(),
          b.accepted(), b.rejected(), b.duplicates());
      b.rejectsByCode().forEach((code, n) ->
          stdout.printf(Locale.ROOT, "  %-40s %,10d%n", code, n));
    }
  }

  private static boolean hasEntries(Path dir) {
    try (var s = Files.list(dir)) {
      return s.anyMatch(p -> !p.getFileName().toString().startsWith("."));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Moves a processed batch (its directory, or its loose files) into the archive. */
  private void archive(IngestBatch b) {
    try {
      Path first = b.files().get(0);
      Path batchDir = first.toAbsolutePath().getParent();
      if (batchDir != null && !batchDir.equals(inbox.toAbsolutePath())) {
        Path target = archive.resolve(batchDir.getFileName().toString());
        if (Files.exists(target)) {
          target = archive.resolve(batchDir.getFileName() + "." + System.currentTimeMillis());
        }
        Files.move(batchDir, target, StandardCopyOption.ATOMIC_MOVE);
      } else {
        for (Path f : b.files()) {
          Files.move(f, archive.resolve(f.getFileName().toString()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move batch " + b.name() + " to " + archive, e);
    }
  }
}
