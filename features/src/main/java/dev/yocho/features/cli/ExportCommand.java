package dev.yocho.features.cli;

import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.contract.Contract;
import dev.yocho.features.contract.TableContract;
import dev.yocho.features.ingest.Export;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho export}: one observable table, in the data contract's format. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
        "Write one observable table to Parquet or CSV (by the --out extension) in the data"
            + " contract's format, rows in key order: what yocho ingest reads back."})
public final class ExportCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--table", paramLabel = "NAME", required = true,
      description = "the table: firms, statements, monthly_trial_balances, inquiries, events,"
          + " guarantee_applications, defaults, closures, dataset_info")
  String table;

  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "FILE.parquet or FILE.csv (named by the table to ingest it again)")
  Path out;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws SQLException {
    long started = System.nanoTime();
    TableContract t = Contract.get().table(table).orElseThrow(() -> new UsageException(
        "--table: no table '" + table + "' in the data contract (tables: "
            + String.join(", ", Contract.get().tableNames()) + ")"));
    Export.Format format = Export.format(out);
    dev.yocho.cli.OutputPaths.requireWritableFile("--out", out);
    long rows;
    try (Connection connection = Databases.openReadOnly(db)) {
      rows = Export.write(connection, t, out, format);
    }
    double seconds = Math.round((System.nanoTime() - started) / 1e7) / 100.0;
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("table", t.name());
      result.put("rows", rows);
      result.put("out", out.toString());
      result.put("format", format.name().toLowerCase(Locale.ROOT));
      result.put("seconds", seconds);
      JsonOut.print(stdout, result);
    } else {
      stdout.printf(Locale.ROOT, "%,d %s rows written to %s (%.1f s)%n", rows, t.name(), out,
          seconds);
    }
    return 0;
  }
}
