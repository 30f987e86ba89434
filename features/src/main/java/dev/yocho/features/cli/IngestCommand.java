package dev.yocho.features.cli;

import dev.yocho.cli.ExitCodes;
import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.contract.Contract;
import dev.yocho.features.ingest.BatchResult;
import dev.yocho.features.ingest.Ingest;
import dev.yocho.features.ingest.IngestBatch;
import dev.yocho.features.ingest.IngestRun;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code yocho ingest}: load contract files into a database, every row checked. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
        "Load files named by table (firms.csv, statements.parquet, ...) into a yocho database,"
            + " every row checked against the data contract (docs/data-contract.md). PATH is a"
            + " file, a directory of files (one batch) or a directory of such directories (one"
            + " batch each, in name order). Creates the database when it does not exist.",
        "Exit codes: 0 every row accepted, 3 some rows rejected (see ingest_rejects), 2 input"
            + " that cannot be read at all (nothing of that batch is loaded)."})
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Parameters(paramLabel = "PATH", arity = "1..*", description = "files or directories to ingest")
  List<Path> paths;

  @Option(names = "--knowledge-date", paramLabel = "DATE",
      description = "the date the batch's facts were first known (default: the batch directory's"
          + " name when it is a date, else today)")
  String knowledgeDate;

  @Option(names = "--encoding", paramLabel = "NAME",
      description = "CSV encoding: UTF-8 (default) or CP932 (Shift_JIS)")
  String encoding = "UTF-8";

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws SQLException {
    long started = System.nanoTime();
    LocalDate date = knowledgeDate == null ? null
        : IsoDateConverter.parse("--knowledge-date", knowledgeDate);
    Charset charset = IngestRun.charset(encoding);
    List<IngestBatch> batches = IngestBatch.plan(paths);
    IngestRun run = new IngestRun(new Ingest(Contract.get()), db);
    IngestRun.Summary summary = run.ingest(batches, date, charset, this::report);
    if (!json) {
      stdout.printf(Locale.ROOT, "%d batch(es) ingested, %d already ingested: %,d rows read,"
          + " %,d accepted, %,d rejected, %,d duplicates; data complete through %s (%.1f s)%n",
          summary.ingested(), summary.skipped(), summary.rowsRead(), summary.accepted(),
          summary.rejected(), summary.duplicates(), summary.dataThrough(), seconds(started));
    } else {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("batches", summary.ingested());
      result.put("already_ingested", summary.skipped());
      result.put("rows_read", summary.rowsRead());
      result.put("accepted", summary.accepted());
      result.put("rejected", summary.rejected());
      result.put("duplicates", summary.duplicates());
      result.put("rejects_by_code", summary.rejectsByCode());
      result.put("data_through", String.valueOf(summary.dataThrough()));
      result.put("seconds", seconds(started));
      JsonOut.print(stdout, result);
    }
    return summary.rejected() > 0 ? ExitCodes.REJECTED : ExitCodes.OK;
  }

  private void report(BatchResult b) {
    if (json) {
      return;
    }
    if (b.alreadyIngested()) {
      stdout.printf(Locale.ROOT, "batch %s: already ingested (same files, SHA-256 %s...):"
          + " nothing changed%n", b.name(), b.batchId().substring(0, 12));
      return;
    }
    stdout.printf(Locale.ROOT, "batch %s (known %s): %,d rows read, %,d accepted, %,d rejected,"
        + " %,d duplicates%n", b.name(), b.knowledgeDate(), b.rowsRead(), b.accepted(),
        b.rejected(), b.duplicates());
    if (b.rejected() > 0) {
      b.rejectsByCode().forEach((code, n) ->
          stdout.printf(Locale.ROOT, "  %-40s %,10d%n", code, n));
      for (BatchResult.Reject r : b.examples()) {
        stdout.printf(Locale.ROOT, "  e.g. %s line %d: %s (%s)%n", r.file(), r.line(),
            r.message(), r.value() == null ? "" : "'" + r.value() + "'");
      }
    }
  }

  private static double seconds(long started) {
    return Math.round((System.nanoTime() - started) / 1e7) / 100.0;
  }

}
