package dev.yocho.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.scoring.testing.Tables;
import dev.yocho.synthetic.cli.SyntheticMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --overwrite} (and so {@code demo}) in another process refuses a database a
 * running server holds: exit 2, one line naming the file and the holder, and the served database,
 * its grades and its audit trail are still there after the server stops.
 */
class ServedDatabaseReplacementTest {
  @TempDir Path dir;

  @Test
  void generateOverwriteRefusesTheDatabaseARunningServerHolds() throws Exception {
    ApiFixture api = new ApiFixture(dir);
    List<String> before = Tables.refreshState(api.db);
    String firm = Tables.rows(api.db, "SELECT min(firm_id) FROM grades").get(0);
    api.start();
    Path err = dir.resolve("generate.err");
    try {
      assertThat(api.get("/api/v1/firms/" + firm, api.viewer).status()).isEqualTo(200);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      for (String[] owner : new String[][] {{}, {"--owner", "demo"}}) {
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp",
            System.getProperty("java.class.path"), SyntheticMain.class.getName(), "generate",
            "--db", api.db.toString(), "--firms", "20", "--to", "2021-12-31", "--no-truth",
            "--overwrite"));
        cmd.addAll(List.of(owner));
        Process child = new ProcessBuilder(cmd).redirectOutput(dir.resolve("generate.out")
            .toFile()).redirectError(err.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("generate hung").isTrue();
        List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
        assertThat(child.exitValue()).as(String.join("\n", lines)).isEqualTo(2);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains(api.db.toString(),
            "is held by another process (PID " + ProcessHandle.current().pid())
            .doesNotContain("Exception");
      }
      assertThat(api.get("/api/v1/firms/" + firm, api.viewer).status()).isEqualTo(200);
      api.server.flushAudit();
    } finally {
      api.close();
    }
    assertThat(Tables.refreshState(api.db)).isEqualTo(before);
    assertThat(Tables.rows(api.db, "SELECT count(*) FROM audit_log WHERE endpoint = "
        + "'GET /api/v1/firms/{id}' AND firm_id = " + firm)).containsExactly("2");
    assertThat(Tables.rows(api.db, "SELECT count(*) FROM firms")).isNotEqualTo(List.of("20"));
  }
}
