package dev.yocho.synthetic.cli;

import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.synthetic.Realism;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho summary}: a universe's defaults and its realism targets, measured. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = "Prints firms, defaults per year, default rates by industry and size, and each"
        + " realism target (DESIGN section 9) with its measured value and the oracle AUC.")
public final class SummaryCommand implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "data/yocho.duckdb", description = "database file (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws SQLException {
    Realism.Report report;
    try (Connection conn = Databases.openReadOnly(db)) {
      report = Realism.measure(conn);
    }
    if (json) {
      JsonOut.print(System.out, report.toJson());
    } else {
      print(report);
    }
    return 0;
  }

  static void print(Realism.Report r) {
    System.out.printf(Locale.ROOT, "Universe: %,d firms%n%n", r.firms());
    System.out.println("Defaults per year        live at 1 Jan   defaults   rate    closures");
    for (Realism.YearRate y : r.years()) {
      System.out.printf(Locale.ROOT, "  %d                   %,12d   %,8d   %5.2f%%  %,8d%n",
          y.year(), y.liveAtStart(), y.defaults(), 100 * y.rate(), y.closures());
    }
    System.out.println();
    System.out.println("Default rate by industry (whole window)");
    for (Realism.Group g : r.industries()) {
      System.out.printf(Locale.ROOT, "  %-24s %,8d firms  %,6d defaults  %5.2f%%%n",
          g.name(), g.firms(), g.defaults(), 100 * g.rate());
    }
    System.out.println();
    System.out.println("Default rate by size (employees)");
    for (Realism.Group g : r.sizes()) {
      System.out.printf(Locale.ROOT, "  %-24s %,8d firms  %,6d defaults  %5.2f%%%n",
          g.name(), g.firms(), g.defaults(), 100 * g.rate());
    }
    System.out.println();
    System.out.println("Realism targets (DESIGN section 9)");
    for (Realism.Target t : r.targets()) {
      System.out.printf(Locale.ROOT, "  %-34s %8.4f  in [%s, %s]  %s%n", t.name(), t.measured(),
          fmt(t.low()), fmt(t.high()), t.passes() ? "ok" : "OUT OF RANGE");
    }
    System.out.printf(Locale.ROOT, "  %-34s %8.4f  (about 0.010)%n", "average_borrowing_rate",
        r.borrowingRate());
    if (!Double.isNaN(r.oracleAuc())) {
      System.out.printf(Locale.ROOT, "%nOracle AUC (truth_pd vs realised one-year defaults): %.4f%n",
          r.oracleAuc());
    }
  }

  private static String fmt(double v) {
    return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.3f", v);
  }
}
