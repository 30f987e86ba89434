package dev.yocho.synthetic.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A child process for tests: opens a DuckDB file read-write (DuckDB's OS lock on it, as a running
 * {@code yocho serve} holds it), prints {@code held} and keeps it until its standard input closes.
 */
public final class HoldDatabase {
  private HoldDatabase() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"
        + Path.of(args[0]).toAbsolutePath())) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until the parent closes our standard input (or dies)
      }
    }
  }

  /** Starts a holder of {@code db} and waits until it holds the file. */
  public static Process start(Path db) throws Exception {
    String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaExe, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        HoldDatabase.class.getName(), db.toString()).redirectErrorStream(true).start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8));
    String line = out.readLine();
    if (!"held".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the holder did not start: " + line);
    }
    return p;
  }

  /** Lets the holder go and waits for it to exit. */
  public static void release(Process p) throws Exception {
    p.getOutputStream().close();
    if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }
}
