package dev.yocho.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before any slow work, that a command can write where it was told to. */
public final class OutputPaths {
  private OutputPaths() {}

  /**
   * Refuses {@code file} (given as {@code flag}) when its directory is missing, not a directory, or
   * not writable. Writability is probed by creating and deleting a file, because permission bits
   * do not tell (a superuser ignores them; a read-only mount overrides them).
   */
  public static void requireWritableFile(String flag, Path file) {
    requireWritableDirectory(flag, file.toAbsolutePath().getParent(), file);
  }

  /** The same for a directory that must exist or be creatable ({@code --report DIR}, …). */
  public static void requireWritableDirectory(String flag, Path dir, Path named) {
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UsageException(flag + " " + named + ": directory " + dir + " does not exist");
    }
    Path probe = dir.resolve(".yocho-write-probe-" + ProcessHandle.current().pid());
    try {
      Files.deleteIfExists(probe);
      Files.createFile(probe);
      Files.delete(probe);
    } catch (AccessDeniedException e) {
      throw new UsageException(flag + " " + named + ": directory " + dir + " is not writable"
          + " (permission denied)", e);
    } catch (IOException e) {
      throw new UsageException(flag + " " + named + ": directory " + dir + " is not writable ("
          + Cli.oneLine(e.getMessage()) + ")", e);
    }
  }
}
