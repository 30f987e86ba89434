package dev.yocho.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A directory nobody running the tests can create a file in: a mode-555 directory, or, when the
 * tests run as the superuser (who ignores modes), the kernel's {@code /sys/kernel}, which refuses
 * new files to everyone.
 */
public final class ReadOnlyDirectory {
  private ReadOnlyDirectory() {}

  public static Path in(Path parent) throws IOException {
    Path dir = parent.resolve("read-only");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!canCreateIn(dir)) {
      return dir;
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path kernel = Path.of("/sys/kernel");
    if (Files.isDirectory(kernel) && !canCreateIn(kernel)) {
      return kernel;
    }
    throw new IllegalStateException("no read-only directory on this machine for the test");
  }

  private static boolean canCreateIn(Path dir) {
    Path probe = dir.resolve(".probe-" + ProcessHandle.current().pid());
    try {
      Files.createFile(probe);
      Files.delete(probe);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
