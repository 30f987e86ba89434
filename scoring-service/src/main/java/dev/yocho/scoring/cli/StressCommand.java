package dev.yocho.scoring.cli;

import dev.yocho.cli.Databases;
import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.scoring.bundle.ModelBundle;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.stress.RateStress;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho stress}: the portfolio re-graded under interest-rate rises. */
@Command(
    name = "stress",
    mixinStandardHelpOptions = true,
    description = {
        "Recomputes every live firm's features as if interest rates were higher (each statement's"
            + " interest on its interest-bearing debt grows by the rise; ordinary and net income"
            + " fall by as much), re-scores them with the current bundle and prints, per scenario,"
            + " the mean added interest per firm, the change of ordinary profit, the share of"
            + " profitable firms turning to a loss (beside Teikoku Databank's 2025 figures), the"
            + " mean PD, the expected defaults and the grade migration. Reads only."})
public final class StressCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--models", paramLabel = "DIR",
      description = "models root; DIR/CURRENT names the bundle (default: ${DEFAULT-VALUE})")
  Path models = Path.of("models");

  @Option(names = "--as-of", paramLabel = "DATE", required = true, description = "as-of date")
  String asOf;

  @Option(names = "--rate", paramLabel = "RISE", split = ",", defaultValue = "+0.25,+0.5,+1,+2",
      description = "rate rises in percentage points, comma-separated (default: ${DEFAULT-VALUE})")
  List<String> rates;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws Exception {
    LocalDate date = IsoDateConverter.parse("--as-of", asOf);
    List<Double> rises = new ArrayList<>();
    for (String r : rates) {
      double v;
      try {
        v = Double.parseDouble(r.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--rate must be percentage points such as +0.5, was '"
            + r + "'");
      }
      if (!(v > 0 && v <= 20)) {
        throw new IllegalArgumentException("--rate must be a rise in (0, 20] percentage points,"
            + " was '" + r + "'");
      }
      rises.add(v);
    }
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection connection = Databases.openReadOnly(db)) {
      ModelBundle bundle = store.current();
      DataWindow.read(connection).require(date);
      RateStress.Result result = RateStress.run(connection, bundle, date, rises);
      if (json) {
        JsonOut.print(stdout, RateStress.toJson(result, bundle.masterScale()));
        return 0;
      }
      stdout.printf(Locale.ROOT, "stress %s with model %s: %,d live firms, mean PD %.3f%%,"
          + " expected defaults %.1f%n", date, result.modelVersion(), result.firms(),
          100 * result.meanPd(), result.expectedDefaults());
      stdout.printf(Locale.ROOT, "%-7s %12s %10s %10s   %-26s %9s %10s %9s %9s%n", "rise",
          "added/firm", "ord.profit", "to a loss", "(Teikoku 2025)", "mean PD", "exp.dflt",
          "downgr.", "upgr.");
      for (RateStress.Scenario s : result.scenarios()) {
        RateStress.Published p = RateStress.TEIKOKU_2025.get(s.risePoints());
        long down = s.downgraded();
        long up = s.upgraded();
        stdout.printf(Locale.ROOT, "+%-6s %10.0f円 %9.1f%% %9.1f%%   %-26s %8.3f%% %10.1f %9d %9d%n",
            trim(s.risePoints()), s.meanAddedInterestJpy(), 100 * s.ordinaryProfitChange(),
            100 * s.shareTurningToLoss(), p == null ? "" : String.format(Locale.ROOT,
                "%d万円 %.1f%% %.1f%%", p.meanAddedInterestJpy() / 10_000,
                100 * p.ordinaryProfitChange(), 100 * p.shareTurningToLoss()),
            100 * s.meanPd(), s.expectedDefaults(), down, up);
      }
      stdout.printf(Locale.ROOT, "%.1f s%n", result.seconds());
    }
    return 0;
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.2f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
