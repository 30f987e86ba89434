package dev.yocho.scoring.http;

import static dev.yocho.scoring.http.ApiFixture.D1;
import static dev.yocho.scoring.http.ApiFixture.D2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.scoring.cli.ScoringMain;
import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service owns: the database (a CLI refresh in another process fails at once, naming the
 * endpoint, and changes nothing), the audit trail of every read about a firm, and keys managed by
 * the {@code keys} command, whose revocation a running server honours.
 */
class HttpOwnershipTest {
  @TempDir Path dir;


  @Test
  void auditsReadsRefusesACliRefreshFromAnotherProcessAndHonoursRevokedKeys() throws Exception {
    ApiFixture api = new ApiFixture(dir);
    List<String> before = Tables.refreshState(api.db);
    String firm = Tables.rows(api.db, "SELECT firm_id FROM transitions WHERE as_of = DATE '" + D2
        + "' ORDER BY firm_id LIMIT 1").get(0);
    // a key made by the CLI: the secret is the last line, and the file keeps only its hash
    CliRun add = CliRun.of("keys", "add", "--keys", api.keys.toString(), "--id", "carol", "--role",
        "viewer");
    assertThat(add.exitCode()).as(add.stderr()).isZero();
    String[] lines = add.stdout().strip().split("\n");
    String carol = lines[lines.length - 1].strip();
    assertThat(carol).startsWith("yk_").hasSizeGreaterThan(40);
    String file = Files.readString(api.keys);
    assertThat(file).contains("\"carol\"").doesNotContain(carol).doesNotContain(api.viewer);
    CliRun again = CliRun.of("keys", "add", "--keys", api.keys.toString(), "--id", "carol", "--role",
        "viewer");
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.stderr().strip()).doesNotContain("\n").contains("already has a key 'carol'");
    CliRun badRole = CliRun.of("keys", "add", "--keys", api.keys.toString(), "--id", "dave", "--role",
        "admin");
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.stderr().strip()).doesNotContain("\n").contains("unknown role 'admin'");

    api.start();
    try {
      assertThat(api.get("/api/v1/firms/" + firm, carol).status()).isEqualTo(200);
      assertThat(api.get("/api/v1/firms/" + firm + "/explain?from=" + D1 + "&to=" + D2, carol)
          .status()).isEqualTo(200);
      assertThat(api.get("/api/v1/firms/" + firm + "/score", api.viewer).status()).isEqualTo(200);
      assertThat(api.get("/api/v1/firms/99999999/grades", api.viewer).status()).isEqualTo(404);
      assertThat(api.get("/api/v1/transitions", api.viewer).status()).isEqualTo(200);
      assertThat(api.get("/api/v1/portfolio?as_of=" + D2, api.viewer).status()).isEqualTo(200);
      assertThat(api.get("/api/v1/firms/" + firm, null).status()).isEqualTo(401);

      // the single-writer rule: a refresh in another process fails at once with a clear line
      Path out = dir.resolve("child.out");
      Path err = dir.resolve("child.err");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process child = new ProcessBuilder(java, "-Xmx512m", "-cp",
          System.getProperty("java.class.path"), ScoringMain.class.getName(), "refresh", "--db",
          api.db.toString(), "--models", api.models.toString(), "--as-of", "2025-03-31")
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the CLI refresh hung").isTrue();
      assertThat(child.exitValue()).isEqualTo(2);
      List<String> errLines = Files.readAllLines(err).stream()
          .filter(l -> !l.isBlank()).toList();
      assertThat(errLines).hasSize(1);
      assertThat(errLines.get(0)).contains("is held by another process",
          "POST /api/v1/refresh").doesNotContain("Exception");
      // the same for a reading command: it names the API
      Process reader = new ProcessBuilder(java, "-Xmx512m", "-cp",
          System.getProperty("java.class.path"), ScoringMain.class.getName(), "explain", "--db",
          api.db.toString(), "--models", api.models.toString(), "--firm", firm, "--from",
          D1.toString(), "--to", D2.toString())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(reader.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(reader.exitValue()).isEqualTo(2);
      assertThat(Files.readString(err)).contains("is held by another process", "HTTP API");

      // revoking a key takes effect on the running server
      CliRun revoke = CliRun.of("keys", "revoke", "--keys", api.keys.toString(), "--id", "carol");
      assertThat(revoke.exitCode()).as(revoke.stderr()).isZero();
      int status = 200;
      for (int i = 0; i < 100 && status == 200; i++) {
        Thread.sleep(50);
        status = api.get("/api/v1/firms/" + firm, carol).status();
      }
      assertThat(status).isEqualTo(401);
      assertThat(api.get("/api/v1/firms/" + firm, api.viewer).status()).isEqualTo(200);
      CliRun revokeAgain = CliRun.of("keys", "revoke", "--keys", api.keys.toString(), "--id", "carol");
      assertThat(revokeAgain.exitCode()).isEqualTo(2);
      api.server.flushAudit();
    } finally {
      api.close();
    }
    // the server released the file: nothing changed in the refresh tables, and the audit trail
    // holds one row per read about a firm, a page of transitions or the portfolio, and one per
    // refused sign-in (the key's id when the secret is a revoked key's, else "unknown"; never a
    // secret). Other rows may lie between these (carol's reads while her revocation was on its
    // way).
    assertThat(Tables.refreshState(api.db)).isEqualTo(before);
    List<String> audit = Tables.rows(api.db, "SELECT key_id, firm_id, endpoint, status FROM"
        + " audit_log ORDER BY \"at\", endpoint");
    assertThat(audit).containsSubsequence(
        "carol | " + firm + " | GET /api/v1/firms/{id} | 200",
        "carol | " + firm + " | GET /api/v1/firms/{id}/explain | 200",
        "alice | " + firm + " | GET /api/v1/firms/{id}/score | 200",
        "alice | 99999999 | GET /api/v1/firms/{id}/grades | 404",
        "alice | null | GET /api/v1/transitions | 200",
        "alice | null | GET /api/v1/portfolio | 200",
        "unknown | " + firm + " | GET /api/v1/firms/{id} | 401",
        "carol | " + firm + " | GET /api/v1/firms/{id} | 401",
        "alice | " + firm + " | GET /api/v1/firms/{id} | 200");
    assertThat(String.join("\n", audit)).doesNotContain(carol).doesNotContain(api.viewer);
    assertThat(Tables.rows(api.db, "SELECT count(*) FROM audit_log WHERE \"at\" IS NULL"))
        .containsExactly("0");
  }

  @Test
  void serveRefusesToStartWithoutAnActiveKey() throws Exception {
    // the keys are checked before anything else is opened
    Path empty = dir.resolve("none.json");
    CliRun r = CliRun.of("serve", "--db", dir.resolve("u.duckdb").toString(), "--models",
        dir.resolve("models").toString(), "--keys", empty.toString(), "--port", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip()).doesNotContain("\n").contains("no active API key",
        "keys add");
  }

}
