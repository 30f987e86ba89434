package dev.yocho.scoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.GoldenUniverse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Knowledge time (DESIGN section 12): batches ingested day by day with {@code yocho daily}, each
 * day refreshed as it became complete, then every past day refreshed again; every row of grades,
 * transitions and explanations of each day is the row published that day, although later batches
 * brought facts about those days (an event that occurred on 1 January reported on the 3rd).
 */
class RerefreshPublishedDaysTest {
  @TempDir Path dir;

  @Test
  void reRefreshingEveryPastDayGivesTheRowsPublishedThatDay() throws Exception {
    Path db = GoldenUniverse.generate(dir);
    Path models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path archive = Files.createDirectories(dir.resolve("archive"));
    String[] daily = {"daily", "--db", db.toString(), "--models", models.toString(), "--inbox",
        inbox.toString(), "--archive", archive.toString(), "--json"};
    assertThat(CliRun.of(daily).exitCode()).isZero();

    List<Long> firms = DailyCommandTest.firmIds(db, 3);
    String eventsHeader = "firm_id,occurred_on,reported_on,event_type,polarity\n";
    deliver(inbox, "2026-01-01", "events.csv", eventsHeader
        + firms.get(0) + ",2025-12-30,2026-01-01,bounced_bill,-1\n");
    runDay(daily);
    deliver(inbox, "2026-01-02", "inquiries.csv", "firm_id,day,inquirer_industry,count\n"
        + firms.get(1) + ",2026-01-02,collection,3\n");
    runDay(daily);
    // late news: an event of 1 January, first known on the 3rd, and a second one for firm 0
    deliver(inbox, "2026-01-03", "events.csv", eventsHeader
        + firms.get(2) + ",2026-01-01,2026-01-03,tax_arrears,-1\n"
        + firms.get(0) + ",2026-01-02,2026-01-03,payment_delay,-1\n");
    runDay(daily);
    // a fact dated on a published day, delivered after it was graded, is refused with its reason
    // (an inquiry is known on its day): accepting it would change what 2 January published
    deliver(inbox, "2026-01-04", "inquiries.csv", "firm_id,day,inquirer_industry,count\n"
        + firms.get(1) + ",2026-01-02,trade_creditor,2\n"
        + firms.get(1) + ",2026-01-04,bank,1\n");
    CliRun late = CliRun.of(daily);
    assertThat(late.exitCode()).as(late.stderr()).isEqualTo(3);
    assertThat(late.json().get("rejected").asInt()).isEqualTo(1);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT line, \"column\", code, message FROM"
            + " ingest_rejects WHERE code = 'known_on_a_published_day'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
      assertThat(rs.getString(2)).isEqualTo("day");
      assertThat(rs.getString(4)).contains("2026-01-03");
      assertThat(rs.next()).isFalse();
    }

    List<String> days = List.of("2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03",
        "2026-01-04");
    Map<String, String> published = snapshot(db, days);
    // the late event (a tax arrears of 1 January, known on the 3rd) moved firm 2's PD on the 3rd,
    // not on the day it occurred
    assertThat(pd(db, firms.get(2), "2026-01-01")).isEqualTo(pd(db, firms.get(2), "2025-12-31"));
    assertThat(pd(db, firms.get(2), "2026-01-03")).isGreaterThan(pd(db, firms.get(2),
        "2026-01-02"));

    for (String day : days) {
      CliRun again = CliRun.of("refresh", "--db", db.toString(), "--models", models.toString(),
          "--as-of", day, "--quiet");
      assertThat(again.exitCode()).as(again.stderr()).isZero();
    }
    Map<String, String> republished = snapshot(db, days);
    assertThat(republished).isEqualTo(published);
  }

  private static void runDay(String[] daily) {
    CliRun run = CliRun.of(daily);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  private static void deliver(Path inbox, String day, String file, String csv) throws Exception {
    Path batch = Files.createDirectories(inbox.resolve(day));
    Files.writeString(batch.resolve(file), csv, StandardCharsets.UTF_8);
  }

  /** Per table and day: the row count and a digest of every column of every row, in key order. */
  private static Map<String, String> snapshot(Path db, List<String> days) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      for (String table : new String[] {"grades", "transitions", "explanations"}) {
        for (String day : days) {
          try (PreparedStatement ps = c.prepareStatement("SELECT count(*) || ' ' || coalesce("
              + "md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY firm_id)), '-') FROM " + table
              + " t WHERE as_of = ?")) {
            ps.setObject(1, LocalDate.parse(day));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              out.put(table + " " + day, rs.getString(1));
            }
          }
        }
      }
    }
    return out;
  }

  private static double pd(Path db, long firm, String day) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        PreparedStatement ps = c.prepareStatement(
            "SELECT pd FROM grades WHERE firm_id = ? AND as_of = ?")) {
      ps.setLong(1, firm);
      ps.setObject(2, LocalDate.parse(day));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("firm " + firm + " graded on " + day).isTrue();
        return rs.getDouble(1);
      }
    }
  }

  private static long countRows(Path db, String table, String day) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        PreparedStatement ps = c.prepareStatement(
            "SELECT count(*) FROM " + table + " WHERE as_of = ?")) {
      ps.setObject(1, LocalDate.parse(day));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
