package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.cli.Cli;
import dev.yocho.synthetic.cli.SyntheticMain;
import dev.yocho.synthetic.testing.HoldDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --overwrite} replaces a database only when nobody else has it: never one another
 * process holds, never one with a write-ahead log beside it, and with {@code --owner} only one that
 * records the same owner ({@code demo} replaces only the database it made). The file it writes is
 * readable by its owner only.
 */
class ReplaceDatabaseTest {
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
      return new Outcome(code, o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static Outcome generate(Path db, String... more) {
    String[] base = {"generate", "--db", db.toString(), "--firms", "30", "--to", "2021-12-31",
        "--no-truth"};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return run(args);
  }

  private static void assertRefused(Outcome o, String... mentions) {
    assertThat(o.exitCode()).as(o.stderr()).isEqualTo(2);
    assertThat(o.stderr().strip().lines().count()).as(o.stderr()).isEqualTo(1);
    assertThat(o.stderr()).contains(mentions).doesNotContain("Exception");
  }

  private static String info(Path db, String key) throws Exception {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, p);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM dataset_info WHERE key = '" + key
            + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  @Test
  void aDatabaseHeldByAnotherProcessIsNotReplaced() throws Exception {
    Path db = dir.resolve("u.duckdb");
    assertThat(generate(db).exitCode()).isZero();
    byte[] before = Files.readAllBytes(db);
    java.lang.Process holder = HoldDatabase.start(db);
    try {
      Outcome o = generate(db, "--overwrite");
      assertRefused(o, db.toString(), "is held by another process", "PID " + holder.pid());
      assertThat(Files.readAllBytes(db)).isEqualTo(before);
    } finally {
      HoldDatabase.release(holder);
    }
    assertThat(generate(db, "--overwrite").exitCode()).as("released: replaced").isZero();
  }

  @Test
  void aDatabaseWithAWriteAheadLogBesideItIsNotReplaced() throws Exception {
    Path db = dir.resolve("u.duckdb");
    assertThat(generate(db).exitCode()).isZero();
    byte[] before = Files.readAllBytes(db);
    Path wal = dir.resolve("u.duckdb.wal");
    Files.write(wal, new byte[] {1, 2, 3});
    assertRefused(generate(db, "--overwrite"), wal.toString(), "write-ahead log");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(Files.readAllBytes(wal)).containsExactly(1, 2, 3);
  }

  @Test
  void anOwnerReplacesOnlyItsOwnDatabase() throws Exception {
    Path mine = dir.resolve("demo.duckdb");
    assertThat(generate(mine, "--owner", "demo").exitCode()).isZero();
    assertThat(info(mine, "owner")).isEqualTo("demo");
    assertThat(generate(mine, "--owner", "demo", "--overwrite").exitCode()).isZero();
    assertThat(info(mine, "owner")).isEqualTo("demo");

    Path theirs = dir.resolve("prod.duckdb");
    assertThat(generate(theirs).exitCode()).isZero();
    byte[] before = Files.readAllBytes(theirs);
    assertRefused(generate(theirs, "--owner", "demo", "--overwrite"), theirs.toString(),
        "was not made by demo", "no owner recorded");
    assertThat(Files.readAllBytes(theirs)).isEqualTo(before);

    Path other = dir.resolve("other.duckdb");
    assertThat(generate(other, "--owner", "bench").exitCode()).isZero();
    assertRefused(generate(other, "--owner", "demo", "--overwrite"), "its owner is 'bench'");

    Path notDuckDb = dir.resolve("notes.duckdb");
    Files.writeString(notDuckDb, "somebody's notes");
    assertRefused(generate(notDuckDb, "--owner", "demo", "--overwrite"), "is not a yocho database");
    assertThat(Files.readString(notDuckDb)).isEqualTo("somebody's notes");
    assertRefused(generate(dir.resolve("x.duckdb"), "--owner", "de mo"), "--owner");
  }

  @Test
  void theNewDatabaseIsReadableByItsOwnerOnly() throws Exception {
    Path db = dir.resolve("u.duckdb");
    assertThat(generate(db).exitCode()).isZero();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("u.duckdb.wal")).doesNotExist();
  }
}
