package dev.yocho.scoring.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.cli.Cli;
import dev.yocho.cli.ReadOnlyDirectory;
import dev.yocho.features.cli.FeaturesMain;
import dev.yocho.scoring.http.ApiKeys;
import dev.yocho.scoring.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment's faults — a DuckDB file that is not yocho's, a directory that cannot be
 * written, an address the machine does not have — are one line naming the file or address and
 * what is wrong, exit 2, found before any slow start-up; never "internal error: SQLException".
 */
class EnvironmentErrorsTest {
  @TempDir Path dir;

  private static void assertOneLine(int exitCode, String stderr, String... mentions) {
    assertThat(exitCode).as(stderr).isEqualTo(2);
    assertThat(stderr.strip()).doesNotContain("\n").contains(mentions)
        .doesNotContain("internal error", "Exception", ": null");
  }

  private Path notYocho() throws Exception {
    Path other = dir.resolve("other.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + other);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE notes (line VARCHAR)");
    }
    return other;
  }

  @Test
  void aDuckDbFileThatIsNotYochosIsNamed() throws Exception {
    Path other = notYocho();
    CliRun refresh = CliRun.of("refresh", "--db", other.toString(), "--models",
        dir.resolve("models").toString(), "--as-of", "2025-01-31");
    assertOneLine(refresh.exitCode(), refresh.stderr(), other.toString(),
        "not a yocho database");
    CliRun explain = CliRun.of("explain", "--db", other.toString(), "--firm", "1", "--from",
        "2025-01-31", "--to", "2025-02-28");
    assertOneLine(explain.exitCode(), explain.stderr(), other.toString(), "not a yocho database");
  }

  @Test
  void aReadOnlyOutputDirectoryOrKeysDirectoryIsNamed() throws Exception {
    Path readOnly = ReadOnlyDirectory.in(dir);
    Path out = readOnly.resolve("features.parquet");
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Cli.execute(new FeaturesMain(), "features", "--db", notYocho().toString(),
          "--as-of", "2025-01-31", "--out", out.toString());
    } finally {
      System.setErr(oldErr);
    }
    assertOneLine(code, err.toString(StandardCharsets.UTF_8), "--out", readOnly.toString(),
        "is not writable");
    Path keys = readOnly.resolve("keys.json");
    CliRun add = CliRun.of("keys", "add", "--keys", keys.toString(), "--id", "alice", "--role",
        "viewer");
    assertOneLine(add.exitCode(), add.stderr(), keys.toString(), "writable");
  }

  @Test
  void anAddressThisMachineDoesNotHaveIsRefusedBeforeLoading() throws Exception {
    // TEST-NET-3 (RFC 5737): never an address of this machine. Nothing else exists: the address
    // is checked first, before the keys, the models and the database
    CliRun r = CliRun.of("serve", "--bind", "203.0.113.7", "--port", "0", "--db",
        dir.resolve("missing.duckdb").toString(), "--keys", dir.resolve("none.json").toString());
    assertOneLine(r.exitCode(), r.stderr(), "cannot listen on 203.0.113.7",
        "--bind must be an address of this machine");
  }

  @Test
  void aKeysFileReadableByOthersIsWarnedAbout() throws Exception {
    Path keys = dir.resolve("keys.json");
    ApiKeys.add(keys, "alice", dev.yocho.scoring.http.Role.VIEWER, java.time.Instant.now());
    assertThat(ApiKeys.exposure(keys)).isEmpty();
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(ApiKeys.exposure(keys)).hasValueSatisfying(w -> assertThat(w)
        .contains(keys.toString(), "readable by others", "chmod 600"));
  }
}
