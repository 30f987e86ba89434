package dev.yocho.scoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.GoldenUniverse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yocho daily} on the golden universe: the inbox's batches ingested in order, every day
 * that became complete refreshed, the batches archived; a second run, and a batch put back into
 * the inbox, change nothing.
 */
class DailyCommandTest {
  @TempDir Path dir;

  @Test
  void dailyIngestsRefreshesArchivesAndIsSafeToRunTwice() throws Exception {
    Path db = GoldenUniverse.generate(dir);
    Path models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path archive = Files.createDirectories(dir.resolve("archive"));
    String[] args = {"daily", "--db", db.toString(), "--models", models.toString(), "--inbox",
        inbox.toString(), "--archive", archive.toString(), "--json"};

    // nothing in the inbox, nothing refreshed yet: the last complete day is graded
    CliRun first = CliRun.of(args);
    assertThat(first.exitCode()).as(first.stderr()).isZero();
    assertThat(texts(first.json().get("refreshed"))).containsExactly("2025-12-31");

    List<Long> firms = firmIds(db, 3);
    Path day1 = Files.createDirectories(inbox.resolve("2026-01-01"));
    Files.writeString(day1.resolve("events.csv"), "firm_id,occurred_on,reported_on,event_type,"
        + "polarity\n" + firms.get(0) + ",2025-12-30,2026-01-01,bounced_bill,-1\n"
        + firms.get(1) + ",2025-12-31,2026-01-01,tax_arrears,-1\n", StandardCharsets.UTF_8);
    Path day2 = Files.createDirectories(inbox.resolve("2026-01-02"));
    Files.writeString(day2.resolve("inquiries.csv"), "firm_id,day,inquirer_industry,count\n"
        + firms.get(2) + ",2026-01-02,collection,4\n"
        + firms.get(2) + ",2026-01-03,bank,1\n", StandardCharsets.UTF_8); // after its knowledge date

    CliRun second = CliRun.of(args);
    assertThat(second.exitCode()).as(second.stderr()).isEqualTo(3);
    JsonNode json = second.json();
    assertThat(json.get("batches").asInt()).isEqualTo(2);
    assertThat(json.get("rejected").asInt()).isEqualTo(1);
    assertThat(texts(json.get("refreshed"))).containsExactly("2026-01-01", "2026-01-02");
    assertThat(json.get("data_through").asText()).isEqualTo("2026-01-02");
    assertThat(json.get("firms").asInt()).isGreaterThan(1000);
    assertThat(list(inbox)).isEmpty();
    assertThat(list(archive)).containsExactly("2026-01-01", "2026-01-02");
    String grades = grades(db);

    CliRun third = CliRun.of(args);
    assertThat(third.exitCode()).as(third.stderr()).isZero();
    assertThat(third.json().get("batches").asInt()).isZero();
    assertThat(texts(third.json().get("refreshed"))).isEmpty();

    // a batch delivered twice: recognised, archived again, nothing changes
    copyTree(archive.resolve("2026-01-01"), inbox.resolve("2026-01-01"));
    CliRun fourth = CliRun.of(args);
    assertThat(fourth.exitCode()).as(fourth.stderr()).isZero();
    assertThat(fourth.json().get("already_ingested").asInt()).isEqualTo(1);
    assertThat(texts(fourth.json().get("refreshed"))).isEmpty();
    assertThat(grades(db)).isEqualTo(grades);
    assertThat(list(inbox)).isEmpty();

    // beyond the data: refused, naming the date to ingest through
    CliRun beyond = CliRun.of("refresh", "--db", db.toString(), "--models", models.toString(),
        "--as-of", "2026-01-05");
    assertThat(beyond.exitCode()).isEqualTo(2);
    assertThat(beyond.stderr()).contains("complete through 2026-01-02")
        .contains("ingest the batches through 2026-01-05");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> list(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The first {@code n} firms by id that neither default nor close in the universe. */
  static List<Long> firmIds(Path db, int n) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT firm_id FROM firms WHERE firm_id NOT IN"
            + " (SELECT firm_id FROM defaults) AND firm_id NOT IN (SELECT firm_id FROM closures)"
            + " ORDER BY firm_id LIMIT " + n)) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static String grades(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) || ' ' || sum(hash(g)) FROM"
            + " (SELECT * FROM grades) g")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
