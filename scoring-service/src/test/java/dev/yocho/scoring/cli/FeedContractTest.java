package dev.yocho.scoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.cli.Cli;
import dev.yocho.features.cli.FeaturesMain;
import dev.yocho.features.model.Schema;
import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.synthetic.cli.SyntheticMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic daily feed (DESIGN section 12): the same arguments written once into a database
 * ({@code generate --db}) and once as daily files ({@code generate --feed}), the files ingested
 * day by day into an empty database, give the same observable tables and, with one bundle, the
 * same grades.
 */
class FeedContractTest {
  @TempDir Path dir;

  @Test
  void theFeedIngestedDayByDayGivesTheBulkTablesAndGrades() throws Exception {
    String[] universe = {"--firms", "400", "--from", "2025-10-01", "--to", "2025-12-31",
        "--seed", "7"};
    Path bulk = dir.resolve("bulk.duckdb");
    assertThat(synthetic(concat("generate", "--db", bulk.toString(), "--no-truth"), universe))
        .isZero();
    Path feed = dir.resolve("feed");
    assertThat(synthetic(concat("generate", "--feed", feed.toString()), universe)).isZero();

    List<String> days;
    try (Stream<Path> s = Files.list(feed)) {
      days = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    // the history arrives on the window's first day, then one directory per day with news
    assertThat(days.get(0)).isEqualTo("2025-10-01");
    assertThat(days.get(days.size() - 1)).isLessThanOrEqualTo("2025-12-31");
    assertThat(days.size()).isGreaterThan(60);
    // a directory holds exactly the facts first known that day
    try (Stream<Path> s = Files.list(feed.resolve(days.get(days.size() / 2)))) {
      for (Path f : s.toList()) {
        List<String> lines = Files.readAllLines(f);
        String knowledge = switch (f.getFileName().toString()) {
          case "statements.csv", "monthly_trial_balances.csv" -> "available_at";
          case "events.csv" -> "reported_on";
          case "inquiries.csv" -> "day";
          case "guarantee_applications.csv" -> "applied_on";
          case "defaults.csv" -> "default_on";
          case "closures.csv" -> "closed_on";
          default -> "founded_on";
        };
        int column = List.of(lines.get(0).split(",")).indexOf(knowledge);
        for (String line : lines.subList(1, lines.size())) {
          assertThat(line.split(",")[column]).as(f + ": " + line)
              .isEqualTo(f.getParent().getFileName().toString());
        }
      }
    }

    Path ingested = dir.resolve("ingested.duckdb");
    assertThat(features("ingest", "--db", ingested.toString(), feed.toString())).isZero();
    assertThat(tables(ingested)).isEqualTo(tables(bulk));

    Path models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    for (Path db : List.of(bulk, ingested)) {
      CliRun refresh = CliRun.of("refresh", "--db", db.toString(), "--models", models.toString(),
          "--as-of", "2025-12-31", "--quiet");
      assertThat(refresh.exitCode()).as(refresh.stderr()).isZero();
    }
    assertThat(grades(ingested)).isEqualTo(grades(bulk)).doesNotStartWith("0 ");

    // the same feed with dirty lines mixed in: each one quarantined (or counted as a duplicate),
    // the clean tables unchanged
    Path dirtyFeed = dir.resolve("dirty-feed");
    String generated = capture(() -> Cli.execute(new SyntheticMain(), concat2(new String[] {
        "generate", "--feed", dirtyFeed.toString(), "--dirty-share", "0.02", "--json"},
        universe)));
    com.fasterxml.jackson.databind.JsonNode dirty = json(generated).get("dirty");
    long bad = dirty.path("bad_value").asLong() + dirty.path("impossible_date").asLong()
        + dirty.path("broken_totals").asLong();
    assertThat(bad).isPositive();
    assertThat(dirty.path("duplicate").asLong()).isPositive();
    Path quarantined = dir.resolve("quarantined.duckdb");
    String ingestOut = capture(() -> Cli.execute(new FeaturesMain(), "ingest", "--db",
        quarantined.toString(), dirtyFeed.toString(), "--json"));
    com.fasterxml.jackson.databind.JsonNode summary = json(ingestOut);
    assertThat(summary.get("rejected").asLong()).isEqualTo(bad);
    assertThat(summary.get("duplicates").asLong()).isEqualTo(dirty.path("duplicate").asLong());
    assertThat(summary.get("rows_read").asLong()).isEqualTo(summary.get("accepted").asLong()
        + summary.get("rejected").asLong() + summary.get("duplicates").asLong());
    assertThat(tables(quarantined)).isEqualTo(tables(bulk));
  }

  private static String[] concat2(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String capture(java.util.function.IntSupplier run) {
    PrintStream out = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      run.getAsInt();
    } finally {
      System.setOut(out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String out) throws Exception {
    String[] lines = out.strip().split("\n");
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
  }

  private static String[] concat(String first, String... rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  private static int synthetic(String[] command, String[] universe) {
    String[] args = new String[command.length + universe.length];
    System.arraycopy(command, 0, args, 0, command.length);
    System.arraycopy(universe, 0, args, command.length, universe.length);
    return quietly(() -> Cli.execute(new SyntheticMain(), args));
  }

  private static int features(String... args) {
    return quietly(() -> Cli.execute(new FeaturesMain(), args));
  }

  private static int quietly(java.util.function.IntSupplier run) {
    PrintStream out = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return run.getAsInt();
    } finally {
      System.setOut(out);
    }
  }

  private static Map<String, String> tables(Path db) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = c.createStatement()) {
      for (String t : Schema.OBSERVABLE_TABLES) {
        if (t.equals("dataset_info")) {
          continue;
        }
        try (ResultSet rs = st.executeQuery("SELECT count(*) || ' ' || coalesce(sum(hash(r)), 0)"
            + " FROM " + t + " r")) {
          rs.next();
          out.put(t, rs.getString(1));
        }
      }
    }
    return out;
  }

  private static String grades(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) || ' ' || sum(hash(firm_id, pd, grade))"
            + " FROM grades")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
