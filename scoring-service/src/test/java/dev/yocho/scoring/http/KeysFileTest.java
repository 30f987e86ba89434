package dev.yocho.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.HoldFileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys file and its lock: both readable by their owner only; a lock another process holds
 * makes {@code keys add} and {@code keys revoke} give up after a bounded wait with one line naming
 * the file, exit 2, instead of waiting forever in silence.
 */
class KeysFileTest {
  @TempDir Path dir;

  private static String mode(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void theKeysFileAndItsLockAreReadableByTheirOwnerOnly() throws Exception {
    Path keys = dir.resolve("keys.json");
    Path lock = dir.resolve("keys.json.lock");
    Files.writeString(lock, "");
    Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("rw-rw-rw-"));
    CliRun add = CliRun.of("keys", "add", "--keys", keys.toString(), "--id", "alice", "--role",
        "viewer");
    assertThat(add.exitCode()).as(add.stderr()).isZero();
    assertThat(mode(keys)).isEqualTo("rw-------");
    assertThat(mode(lock)).isEqualTo("rw-------");
    Path fresh = dir.resolve("other.json");
    assertThat(CliRun.of("keys", "add", "--keys", fresh.toString(), "--id", "bob", "--role",
        "viewer").exitCode()).isZero();
    assertThat(mode(dir.resolve("other.json.lock"))).isEqualTo("rw-------");
  }

  @Test
  @org.junit.jupiter.api.Timeout(120) // the code before this test waited forever
  void aLockHeldByAnotherProcessIsWaitedForBoundedlyThenRefused() throws Exception {
    Path keys = dir.resolve("keys.json");
    assertThat(CliRun.of("keys", "add", "--keys", keys.toString(), "--id", "alice", "--role",
        "viewer").exitCode()).isZero();
    String before = Files.readString(keys);
    Process holder = HoldFileLock.start(dir.resolve("keys.json.lock"));
    try {
      for (String[] args : new String[][] {
          {"keys", "add", "--keys", keys.toString(), "--id", "bob", "--role", "viewer"},
          {"keys", "revoke", "--keys", keys.toString(), "--id", "alice"}}) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderr().strip()).doesNotContain("\n").contains(keys.toString(),
            "locked by another process for 5 s").doesNotContain("Exception");
      }
      assertThat(Files.readString(keys)).isEqualTo(before);
    } finally {
      HoldFileLock.release(holder);
    }
    CliRun after = CliRun.of("keys", "add", "--keys", keys.toString(), "--id", "bob", "--role",
        "viewer");
    assertThat(after.exitCode()).as("released: the change lands").isZero();
    assertThat(Files.readString(keys)).contains("\"bob\"");
  }
}
