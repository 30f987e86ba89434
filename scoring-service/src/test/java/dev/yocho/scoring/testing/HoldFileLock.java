package dev.yocho.scoring.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * A child process for tests: takes a shared (read) OS lock on a file, prints {@code held} and keeps
 * it until its standard input closes. OS file locks belong to a process, so a test needs another
 * one to hold a lock against its own code.
 */
public final class HoldFileLock {
  private HoldFileLock() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ,
            StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        FileLock lock = channel.lock(0, Long.MAX_VALUE, true)) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until the parent closes our standard input (or dies)
      }
    }
  }

  /** Starts a holder of {@code file} and waits until it holds the lock. */
  public static Process start(Path file) throws Exception {
    String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaExe, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        HoldFileLock.class.getName(), file.toString()).redirectErrorStream(true).start();
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    if (!"held".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock holder did not start: " + line);
    }
    return p;
  }

  /** Lets the holder go and waits for it to exit. */
  public static void release(Process p) throws Exception {
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }
}
