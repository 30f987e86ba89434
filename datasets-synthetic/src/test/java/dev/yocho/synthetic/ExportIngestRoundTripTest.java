package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Cli;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.cli.FeaturesMain;
import dev.yocho.features.model.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract round trip: every observable table of a generated universe exported (CSV and
 * Parquet), ingested into an empty database, gives the same tables row for row; the generator's
 * data obey every rule of the contract (every row accepted).
 */
class ExportIngestRoundTripTest {
  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      String[] lines = out.strip().split("\n");
      return JsonOut.mapper().readTree(lines[lines.length - 1]);
    }
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Cli.execute(new FeaturesMain(), args);
      return new Run(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void exportedTablesIngestIntoAnEmptyDatabaseAsTheSameRows() throws Exception {
    Path source = dir.resolve("generated.duckdb");
    UniverseGenerator.generate(GeneratorConfig.defaults().withFirms(2_000).withTruth(false),
        source);
    long total = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + source);
        Statement st = c.createStatement()) {
      for (String t : Schema.OBSERVABLE_TABLES) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
          rs.next();
          total += rs.getLong(1);
        }
      }
    }
    for (String format : new String[] {"csv", "parquet"}) {
      Path files = dir.resolve(format);
      Files.createDirectories(files);
      for (String t : Schema.OBSERVABLE_TABLES) {
        Run export = run("export", "--db", source.toString(), "--table", t, "--out",
            files.resolve(t + "." + format).toString(), "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
      }
      Path target = dir.resolve("ingested-" + format + ".duckdb");
      Run ingest = run("ingest", "--db", target.toString(), "--knowledge-date",
          GeneratorConfig.DEFAULT_TO.toString(), files.toString(), "--json");
      assertThat(ingest.exitCode()).as(ingest.err() + ingest.out()).isZero();
      JsonNode json = ingest.json();
      assertThat(json.get("rows_read").asLong()).isEqualTo(total);
      assertThat(json.get("accepted").asLong()).isEqualTo(total);
      assertThat(json.get("data_through").asText()).isEqualTo("2025-12-31");
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
          Statement st = c.createStatement()) {
        st.execute("ATTACH '" + source + "' AS a (READ_ONLY)");
        st.execute("ATTACH '" + target + "' AS b (READ_ONLY)");
        for (String t : Schema.OBSERVABLE_TABLES) {
          for (String[] pair : new String[][] {{"a", "b"}, {"b", "a"}}) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT * FROM " + pair[0]
                + "." + t + " EXCEPT ALL SELECT * FROM " + pair[1] + "." + t + ")")) {
              rs.next();
              assertThat(rs.getLong(1)).as(format + " " + t + " rows only in " + pair[0])
                  .isZero();
            }
          }
        }
      }
    }
  }
}
