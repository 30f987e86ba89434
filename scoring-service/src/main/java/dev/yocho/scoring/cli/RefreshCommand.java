package dev.yocho.scoring.cli;

import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.RefreshJob;
import dev.yocho.scoring.refresh.RefreshResult;
import dev.yocho.scoring.refresh.Stability;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho refresh}: grade every live firm as of a date, with transitions and explanations. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
        "Scores and grades every live firm as of a date with the current model bundle, finds the"
            + " firms whose grade moved since their previous refresh and explains each move,"
            + " writing grades, transitions and explanations of that date in one transaction."
            + " Re-running a date replaces exactly that date."})
public final class RefreshCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--models", paramLabel = "DIR",
      description = "models root; DIR/CURRENT names the bundle to serve (default: ${DEFAULT-VALUE})")
  Path models = Path.of("models");

  @Option(names = "--as-of", paramLabel = "DATE", required = true, split = ",",
      description = "as-of date, YYYY-MM-DD; several (comma-separated or repeated) are refreshed in"
          + " order, each in its own transaction")
  List<String> asOf;

  @Option(names = "--threads", paramLabel = "N",
      description = "scoring threads; the grades do not depend on it (default: ${DEFAULT-VALUE})")
  int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  @Option(names = "--quiet", description = "no stage lines on standard error")
  boolean quiet;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;
  PrintStream stderr = System.err;

  @Override
  public Integer call() throws SQLException {
    List<LocalDate> dates = new ArrayList<>();
    for (String value : asOf) {
      dates.add(IsoDateConverter.parse("--as-of", value));
    }
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("--threads must be in [1, 256], was " + threads);
    }
    // one intra-op thread per session: parallelism comes from scoring batches on several threads,
    // which keeps every margin bit-identical whatever the thread count
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection connection = Databases.open(db, false)) {
      store.current(); // verify the bundle before touching the database
      DataWindow window = DataWindow.read(connection);
      for (LocalDate date : dates) {
        window.require(date);
      }
      RefreshJob job = new RefreshJob(store, line -> {
        if (!quiet) {
          stderr.println(line);
          stderr.flush();
        }
      }, threads);
      RefreshResult result = null;
      double total = 0;
      for (LocalDate date : dates) {
        result = job.run(connection, date);
        total += result.seconds();
        if (!json) {
          print(result);
        }
      }
      if (!json) {
        Stability.Figures f = Stability.of(connection, result.asOf(),
            store.current().masterScale().gradeCount());
        stdout.printf(Locale.ROOT, "stability over the refreshes in (%s, %s]: %.2f moves per"
                + " firm-year (%.2f without the grade policy), %.1f%% reversed within 30 days"
                + " (%.1f%%), top reason a window edge in %.1f%% of moves%n", f.from(), f.asOf(),
            f.published().perFirmYear(), f.raw().perFirmYear(),
            100 * f.published().reversedShare(), 100 * f.raw().reversedShare(),
            100 * f.windowEdgeShare());
        stdout.flush();
      }
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("as_of", result.asOf().toString());
        out.put("firms", result.firms());
        out.put("upgrades", result.upgrades());
        out.put("downgrades", result.downgrades());
        out.put("moves_2_or_more_notches", result.movesOfTwoOrMore());
        out.put("model_version", result.modelVersion());
        out.put("grades", result.firmsByGrade());
        if (dates.size() > 1) {
          out.put("dates_refreshed", dates.size());
        }
        out.put("grade_policy", store.current().masterScale().stability().version());
        int grades = store.current().masterScale().gradeCount();
        out.put("stability", Stability.of(connection, result.asOf(), grades).toJson());
        out.put("stability_30_days", Stability.of(connection, result.asOf(), grades,
            Stability.SHORT_WINDOW_DAYS).toJson());
        out.put("seconds", total);
        JsonOut.print(stdout, out);
      }
    }
    return 0;
  }

  private void print(RefreshResult r) {
    stdout.printf(Locale.ROOT, "refreshed %s with model %s: %d firms in %.2f s%n", r.asOf(),
        r.modelVersion(), r.firms(), r.seconds());
    for (Map.Entry<String, Integer> e : r.firmsByGrade().entrySet()) {
      stdout.printf(Locale.ROOT, "  %-4s %8d%n", e.getKey(), e.getValue());
    }
    stdout.printf(Locale.ROOT, "upgrades %d, downgrades %d, moves of two or more notches %d%n",
        r.upgrades(), r.downgrades(), r.movesOfTwoOrMore());
    stdout.flush();
  }
}
