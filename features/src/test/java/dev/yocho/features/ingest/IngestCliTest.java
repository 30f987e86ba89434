package dev.yocho.features.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Cli;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.cli.FeaturesMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code yocho ingest} on small hand-written feeds: every reason code, exit codes, re-runs. */
class IngestCliTest {
  private static final String FIRMS_HEADER = "firm_id,name,industry,prefecture,founded_on,"
      + "employees,capital_jpy,guarantee_balance_jpy,guarantee_coverage,has_proper_loan,"
      + "has_zero_zero_loan,has_successor";
  private static final String STATEMENTS_HEADER = "firm_id,period_end,available_at,sales,"
      + "cost_of_sales,sga,operating_income,non_operating_income,non_operating_expense,"
      + "interest_expense,ordinary_income,depreciation,net_income,cash,receivables,inventory,"
      + "current_assets,fixed_assets,total_assets,payables,short_term_debt,long_term_debt,"
      + "total_liabilities,net_assets";

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      String[] lines = out.strip().split("\n");
      return JsonOut.mapper().readTree(lines[lines.length - 1]);
    }
  }

  static Run run(String... args) {
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

  static String firm(long id, String name, String industry, String coverage) {
    return id + "," + name + "," + industry + ",Tokyo,2001-04-01,12,10000000,30000000,"
        + coverage + ",true,false,true";
  }

  /** A statement that obeys every rule: sales 1,000,000, totals that add up. */
  static String statement(String firm, String periodEnd, String availableAt, String sales) {
    return firm + "," + periodEnd + "," + availableAt + "," + sales
        + ",600000,300000,100000,5000,8000,3000,97000,20000,67900,150000,120000,80000,"
        + "400000,600000,1000000,90000,200000,300000,700000,300000";
  }

  private Path write(Path file, Charset cs, String... lines) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", cs);
    return file;
  }

  /** A dirty feed: one row for every reason code, a duplicate, a malformed line. */
  private Path dirtyFeed() throws Exception {
    Path feed = dir.resolve("feed/2024-07-01");
    write(feed.resolve("firms.csv"), StandardCharsets.UTF_8, FIRMS_HEADER,
        firm(1, "Alpha", "construction", "0.8"),                 // line 2 ok
        firm(2, "Beta", "retail", "1.0"),                        // 3 ok
        firm(3, "Gamma", "space_travel", "1.0"),                 // 4 unknown_code
        firm(4, "Delta", "retail", "0.5"),                       // 5 rule
        firm(1, "Alpha", "construction", "0.8"),                 // 6 duplicate
        firm(2, "Beta renamed", "retail", "1.0"),                // 7 key_conflict
        firm(5, "", "retail", "1.0"));                           // 8 missing_value
    write(feed.resolve("statements.csv"), StandardCharsets.UTF_8, STATEMENTS_HEADER,
        statement("1", "2024-03-31", "2024-05-31", "1000000"),   // 2 ok
        statement("2", "2024-03-31", "2024-03-01", "1000000"),   // 3 rule available_after
        "1,2023-03-31,2023-05-31,1,2,3",                         // 4 malformed
        statement("2", "2023-03-31", "2023-05-31", "1000000.5"), // 5 fractional_yen
        statement("2", "2022-03-31", "2022-05-31", "lots"),      // 6 bad_type
        statement("99", "2024-03-31", "2024-05-31", "1000000"),  // 7 unknown_firm
        statement("1", "2024-03-31", "2024-08-31", "1000000"),   // 8 after_knowledge_date
        statement("1", "2023-03-31", "2023-05-31", "1000000"),   // 9 ok
        statement("1", "2022-03-31", "2022-05-31", "1500000"));  // 10 rule operating income
    write(feed.resolve("events.csv"), StandardCharsets.UTF_8,
        "firm_id,occurred_on,reported_on,event_type,polarity",
        "1,2024-06-01,2024-06-03,payment_delay,-1",              // ok
        "2,2024-06-01,2024-06-03,capital_increase,-1");          // rule polarity
    return feed.getParent();
  }

  @Test
  void aDirtyFeedAccountsForEveryRowAndExitsThree() throws Exception {
    Path db = dir.resolve("dirty.duckdb");
    Run run = run("ingest", "--db", db.toString(), dirtyFeed().toString(), "--json");
    assertThat(run.exitCode()).as(run.err() + run.out()).isEqualTo(3);
    JsonNode json = run.json();
    assertThat(json.get("batches").asInt()).isEqualTo(1);
    long read = json.get("rows_read").asLong();
    assertThat(read).isEqualTo(7 + 9 + 2);
    assertThat(read).isEqualTo(json.get("accepted").asLong() + json.get("rejected").asLong()
        + json.get("duplicates").asLong());
    assertThat(json.get("accepted").asLong()).isEqualTo(2 + 2 + 1);
    assertThat(json.get("duplicates").asLong()).isEqualTo(1);
    assertThat(json.get("data_through").asText()).isEqualTo("2024-07-01");

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertThat(rows(c, "SELECT file || ':' || line || ':' || code || ':' || coalesce(\"column\","
          + " '-') FROM ingest_rejects ORDER BY file, line")).containsExactly(
          "events.csv:3:rule:polarity_matches_type:-",
          "firms.csv:4:unknown_code:industry",
          "firms.csv:5:rule:coverage_is_partial_or_full:-",
          "firms.csv:7:key_conflict:firm_id",
          "firms.csv:8:missing_value:name",
          "statements.csv:3:rule:available_after_period_end:-",
          "statements.csv:4:malformed_row:-",
          "statements.csv:5:fractional_yen:sales",
          "statements.csv:6:bad_type:sales",
          "statements.csv:7:unknown_firm:firm_id",
          "statements.csv:8:after_knowledge_date:available_at",
          "statements.csv:10:rule:operating_income_adds_up:-");
      assertThat(rows(c, "SELECT value FROM ingest_rejects WHERE code = 'bad_type'"))
          .containsExactly("lots");
      assertThat(rows(c, "SELECT count(*) || ' ' || sum(rejected) || ' ' || sum(rows_read)"
          + " FROM ingest_batches")).containsExactly("1 12 18");
      assertThat(rows(c, "SELECT firm_id || ' ' || name FROM firms ORDER BY firm_id"))
          .containsExactly("1 Alpha", "2 Beta");
    }

    // the same files again: nothing changes, and it says so
    String before = snapshot(db);
    Run again = run("ingest", "--db", db.toString(), dir.resolve("feed").toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("already ingested").contains("nothing changed");
    assertThat(snapshot(db)).isEqualTo(before);
  }

  @Test
  void cp932FilesAreReadWithTheirEncodingAndRefusedWithoutIt() throws Exception {
    Path file = write(dir.resolve("sjis/firms.csv"), Charset.forName("windows-31j"),
        FIRMS_HEADER, firm(1, "株式会社ヨチョウ建設", "construction", "0.8"));
    Path db = dir.resolve("sjis.duckdb");
    Run wrong = run("ingest", "--db", db.toString(), "--knowledge-date", "2024-07-01",
        file.toString());
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("firms.csv").contains("not valid UTF-8").contains("CP932");
    assertThat(wrong.err().strip().lines().count()).isEqualTo(1);

    Run right = run("ingest", "--db", db.toString(), "--knowledge-date", "2024-07-01",
        "--encoding", "CP932", file.toString());
    assertThat(right.exitCode()).as(right.err()).isZero();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertThat(rows(c, "SELECT name FROM firms")).containsExactly("株式会社ヨチョウ建設");
    }

    byte[] broken = {(byte) 0x82}; // a lead byte with nothing after it
    Path bad = dir.resolve("sjis-broken/firms.csv");
    Files.createDirectories(bad.getParent());
    Files.write(bad, concat((FIRMS_HEADER + "\n1,").getBytes(StandardCharsets.US_ASCII), broken));
    Run undecodable = run("ingest", "--db", db.toString(), "--encoding", "CP932", bad.toString());
    assertThat(undecodable.exitCode()).isEqualTo(2);
    assertThat(undecodable.err()).contains("offset").contains("not valid");
  }

  @Test
  void unreadableInputExitsTwoWithOneLineAndLoadsNothing() throws Exception {
    Path db = dir.resolve("unreadable.duckdb");
    Path good = write(dir.resolve("b/firms.csv"), StandardCharsets.UTF_8, FIRMS_HEADER,
        firm(1, "Alpha", "construction", "0.8"));
    Path wrongHeader = write(dir.resolve("b/statements.csv"), StandardCharsets.UTF_8,
        "firm_id,period_end,sales", "1,2024-03-31,5");
    Run header = run("ingest", "--db", db.toString(), good.getParent().toString());
    assertThat(header.exitCode()).isEqualTo(2);
    assertThat(header.err()).contains("statements.csv").contains("missing column(s) available_at");
    assertThat(header.err().strip().lines().count()).isEqualTo(1);

    Files.delete(wrongHeader);
    Path unknown = write(dir.resolve("c/loans.csv"), StandardCharsets.UTF_8, "a", "1");
    Run table = run("ingest", "--db", db.toString(), unknown.toString());
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).contains("no table 'loans'");

    Run missing = run("ingest", "--db", db.toString(), dir.resolve("nope.csv").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("file not found");

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertThat(rows(c, "SELECT count(*) FROM firms")).containsExactly("0");
      assertThat(rows(c, "SELECT count(*) FROM ingest_batches")).containsExactly("0");
    }
  }

  @Test
  void parquetFilesLoadTheSameRowsAsCsv() throws Exception {
    Path csv = write(dir.resolve("csv/firms.csv"), StandardCharsets.UTF_8, FIRMS_HEADER,
        firm(1, "Alpha", "construction", "0.8"), firm(2, "\"Beta, Ltd.\"", "retail", "1.0"));
    Path fromCsv = dir.resolve("from-csv.duckdb");
    assertThat(run("ingest", "--db", fromCsv.toString(), "--knowledge-date", "2024-07-01",
        csv.toString()).exitCode()).isZero();
    // a database ingest creates is readable by its owner only
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(fromCsv))).isEqualTo("rw-------");
    Path parquet = dir.resolve("parquet/firms.parquet");
    Files.createDirectories(parquet.getParent());
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + fromCsv);
        Statement st = c.createStatement()) {
      st.execute("COPY (SELECT * FROM firms) TO '" + parquet + "' (FORMAT parquet)");
    }
    Path fromParquet = dir.resolve("from-parquet.duckdb");
    Run run = run("ingest", "--db", fromParquet.toString(), "--knowledge-date", "2024-07-01",
        parquet.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String query = "SELECT firm_id || '|' || name || '|' || guarantee_coverage FROM firms"
        + " ORDER BY firm_id";
    try (Connection a = DriverManager.getConnection("jdbc:duckdb:" + fromCsv);
        Connection b = DriverManager.getConnection("jdbc:duckdb:" + fromParquet)) {
      assertThat(rows(b, query)).isEqualTo(rows(a, query)).contains("2|Beta, Ltd.|1.0");
    }
  }

  @Test
  void lineNumbersFollowTheFileInALongFile() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("firm_id,day,inquirer_industry,count");
    for (int i = 0; i < 120_000; i++) {
      int line = i + 2;
      lines.add(line == 77_777 ? "1,2024-01-01,bank,0" : line == 90_001 ? "1,2024,x"
          : "1," + java.time.LocalDate.of(2020, 1, 1).plusDays(i / 4) + ","
              + List.of("bank", "trade_creditor", "leasing", "collection").get(i % 4) + ",1");
    }
    write(dir.resolve("long/firms.csv"), StandardCharsets.UTF_8, FIRMS_HEADER,
        firm(1, "Alpha", "construction", "0.8"));
    Files.write(dir.resolve("long/inquiries.csv"), lines, StandardCharsets.UTF_8);
    Path db = dir.resolve("long.duckdb");
    Run run = run("ingest", "--db", db.toString(), "--knowledge-date", "2200-01-01",
        dir.resolve("long").toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      assertThat(rows(c, "SELECT line || ' ' || code FROM ingest_rejects ORDER BY line"))
          .containsExactly("77777 rule:positive_count", "90001 malformed_row");
      assertThat(rows(c, "SELECT count(*) FROM inquiries")).containsExactly("119998");
    }
  }

  static String snapshot(Path db) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      for (String t : List.of("firms", "statements", "events", "ingest_batches",
          "ingest_rejects", "dataset_info")) {
        out.append(t).append(rows(c, "SELECT count(*) || ' ' || coalesce(sum(hash(x)), 0)"
            + " FROM (SELECT * FROM " + t + ") x")).append('\n');
      }
    }
    return out.toString();
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
