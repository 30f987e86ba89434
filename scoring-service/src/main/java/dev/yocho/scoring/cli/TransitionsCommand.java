package dev.yocho.scoring.cli;

import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.explain.Language;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.GradeStore;
import dev.yocho.scoring.refresh.MoveLookup;
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

/** {@code yocho transitions}: a refresh date's largest grade moves, optionally explained. */
@Command(
    name = "transitions",
    mixinStandardHelpOptions = true,
    description = "Lists the grade moves stored for a refresh date, largest first (notches, then"
        + " PD change); with --explain, prints each move's explanation in the given languages.")
public final class TransitionsCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--models", paramLabel = "DIR", description = "models root (default: ${DEFAULT-VALUE})")
  Path models = Path.of("models");

  @Option(names = "--as-of", paramLabel = "DATE", required = true, description = "refresh date")
  String asOf;

  @Option(names = "--direction", paramLabel = "up|down|both",
      description = "which moves (default: ${DEFAULT-VALUE})")
  String direction = "both";

  @Option(names = "--limit", paramLabel = "N", description = "at most N moves, 1..1000 (default: ${DEFAULT-VALUE})")
  int limit = 20;

  @Option(names = "--explain", description = "explain every listed move")
  boolean explain;

  @Option(names = "--lang", paramLabel = "ja|en", split = ",",
      description = "languages of the explanations (default: ja,en)")
  List<String> languages = List.of("ja", "en");

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  /** The refreshed dates, as the API reads them (one SQL source for both). */
  private static final String REFRESH_DATES = dev.yocho.features.model.Schema.resource(
      dev.yocho.scoring.http.ApiServer.class, "refresh_dates.sql");

  /**
   * Refuses a date that was never refreshed, with the API's words (its 404 date_not_found): "0
   * moves" would claim the grades were computed and nobody moved.
   */
  private void requireRefreshed(Connection connection, LocalDate date) {
    java.util.TreeSet<LocalDate> dates = new java.util.TreeSet<>();
    try (java.sql.PreparedStatement ps = connection.prepareStatement(REFRESH_DATES);
        java.sql.ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        dates.add(rs.getObject(1, LocalDate.class));
      }
    } catch (SQLException e) {
      throw new dev.yocho.cli.UsageException(date + " is not a refreshed date: " + db
          + " holds no grades (not a yocho database, or never refreshed: run yocho refresh)", e);
    }
    if (!dates.contains(date)) {
      throw new dev.yocho.cli.UsageException(date + " is not a refreshed date" + (dates.isEmpty()
          ? " (nothing has been refreshed in " + db + ")"
          : " (" + dates.size() + " refreshed dates in " + db + ", " + dates.first() + " to "
              + dates.last() + ")"));
    }
  }

  @Override
  public Integer call() throws SQLException {
    LocalDate date = IsoDateConverter.parse("--as-of", asOf);
    int dir = switch (direction) {
      case "up" -> -1;
      case "down" -> 1;
      case "both" -> 0;
      default -> throw new IllegalArgumentException(
          "--direction must be up, down or both, was '" + direction + "'");
    };
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("--limit must be in [1, 1000], was " + limit);
    }
    List<Language> langs = new ArrayList<>();
    for (String code : languages) {
      langs.add(Language.fromCode(code));
    }
    try (Connection connection = Databases.open(db, true)) {
      requireRefreshed(connection, date);
      List<GradeStore.DayMove> moves = GradeStore.transitionsOfDay(connection, date, dir, limit);
      List<Map<String, Object>> listed = new ArrayList<>();
      ModelStore store = explain ? new ModelStore(models, ScorerOptions.defaults()) : null;
      try {
        MoveLookup lookup = explain ? new MoveLookup(store) : null;
        if (!json) {
          stdout.printf(Locale.ROOT, "%d %s on %s%n", moves.size(),
              dir < 0 ? "upgrades" : dir > 0 ? "downgrades" : "moves", date);
        }
        for (GradeStore.DayMove m : moves) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("firm_id", m.firmId());
          row.put("previous_as_of", m.previousAsOf().toString());
          row.put("grade_from", m.gradeFrom());
          row.put("grade_to", m.gradeTo());
          row.put("notches", m.notches());
          row.put("pd_from", m.pdFrom());
          row.put("pd_to", m.pdTo());
          if (!json) {
            stdout.printf(Locale.ROOT, "%nfirm %d: %s → %s (%+d notches), PD %.3f%% → %.3f%% since %s%n",
                m.firmId(), m.gradeFrom(), m.gradeTo(), m.notches(), 100 * m.pdFrom(),
                100 * m.pdTo(), m.previousAsOf());
          }
          if (explain) {
            MoveLookup.Result result = lookup.explain(connection, m.firmId(), m.previousAsOf(), date);
            Map<String, Object> explanations = new LinkedHashMap<>();
            for (Language language : langs) {
              explanations.put(language.code(), ExplainCommand.toMap(result, language));
              if (!json) {
                stdout.println();
                ExplainCommand.print(stdout, result.explanation(), language);
              }
            }
            row.put("explanations", explanations);
          }
          listed.add(row);
        }
      } finally {
        if (store != null) {
          store.close();
        }
      }
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("as_of", date.toString());
        out.put("direction", direction);
        out.put("transitions", listed);
        JsonOut.print(stdout, out);
      }
    }
    return 0;
  }
}
