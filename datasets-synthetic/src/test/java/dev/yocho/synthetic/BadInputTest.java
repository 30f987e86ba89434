package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.cli.Cli;
import dev.yocho.synthetic.cli.SyntheticMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line naming the problem, exit code 2, no stack trace, no database left behind. */
class BadInputTest {
  @TempDir Path dir;

  private record Outcome(int exitCode, String stdout, String stderr) {}

  private static Outcome run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Cli.execute(new SyntheticMain(), args);
      return new Outcome(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private void assertRejected(Outcome outcome, String mentions) throws Exception {
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.stderr().strip().lines().count()).as(outcome.stderr()).isEqualTo(1);
    assertThat(outcome.stderr()).contains(mentions).doesNotContain("Exception").doesNotContain("\tat ");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
    }
  }

  @Test
  void zeroOrNegativeFirms() throws Exception {
    Path db = dir.resolve("u.duckdb");
    assertRejected(run("generate", "--db", db.toString(), "--firms", "0"), "--firms must be positive");
    assertRejected(run("generate", "--db", db.toString(), "--firms", "-5"), "--firms must be positive");
    assertThat(db).doesNotExist();
  }

  @Test
  void fromNotBeforeTo() throws Exception {
    Path db = dir.resolve("u.duckdb");
    assertRejected(run("generate", "--db", db.toString(), "--from", "2024-01-01", "--to", "2024-01-01"),
        "must be before --to");
    assertThat(db).doesNotExist();
  }

  @Test
  void malformedDateAndUnknownOption() throws Exception {
    Path db = dir.resolve("u.duckdb");
    assertRejected(run("generate", "--db", db.toString(), "--from", "2021-02-30"), "2021-02-30");
    assertRejected(run("generate", "--db", db.toString(), "--firms", "ten"), "--firms");
    assertRejected(run("generate", "--db", db.toString(), "--colour", "blue"), "--colour");
    assertThat(db).doesNotExist();
  }

  @Test
  void existingDatabaseWithoutOverwriteIsLeftUntouched() throws Exception {
    Path db = dir.resolve("u.duckdb");
    Files.writeString(db, "not a database, but somebody's file");
    assertRejected(run("generate", "--db", db.toString(), "--firms", "10"), "--overwrite");
    assertThat(Files.readString(db)).isEqualTo("not a database, but somebody's file");
  }

  @Test
  void unwritablePath() throws Exception {
    Path blocker = dir.resolve("a-file");
    Files.writeString(blocker, "x");
    Outcome outcome = run("generate", "--db", blocker.resolve("u.duckdb").toString(), "--firms", "10");
    assertRejected(outcome, "--db");
    Outcome dirAsDb = run("generate", "--db", dir.toString(), "--firms", "10", "--overwrite");
    assertRejected(dirAsDb, "is a directory");
  }

  @Test
  void aGoodRunPrintsOneJsonObjectLastWithTheContractKeys() throws Exception {
    Path db = dir.resolve("ok.duckdb");
    Outcome ok = run("generate", "--db", db.toString(), "--firms", "300", "--to", "2022-12-31",
        "--json");
    assertThat(ok.exitCode()).isZero();
    String last = ok.stdout().strip().lines().reduce((x, y) -> y).orElseThrow();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(last);
    assertThat(json.fieldNames()).toIterable()
        .contains("firms", "defaults", "oracle_auc", "rows_written", "seconds");
    assertThat(json.get("firms").asLong()).isEqualTo(300);
    assertThat(db).exists();
    Outcome noTruth = run("generate", "--db", db.toString(), "--firms", "300", "--to",
        "2022-12-31", "--no-truth", "--overwrite", "--json");
    assertThat(noTruth.exitCode()).isZero();
    try (var conn = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db);
        var rs = conn.getMetaData().getTables(null, null, "truth_pd", null)) {
      assertThat(rs.next()).as("--no-truth writes no truth table").isFalse();
    }
  }
}
