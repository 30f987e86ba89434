package dev.yocho.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opening a yocho DuckDB file the way every command does, with caller's faults named. */
public final class Databases {
  private Databases() {}

  /** Opens {@code db} read-only; a missing or unreadable file is the caller's fault. */
  public static Connection openReadOnly(Path db) {
    return open(db, true);
  }

  /**
   * Opens {@code db}, read-only or read-write (one writer process per file: DuckDB refuses a
   * second). A missing file, or one another process holds, is the caller's fault.
   */
  public static Connection open(Path db, boolean readOnly) {
    if (!Files.isRegularFile(db)) {
      throw new UsageException("database not found: " + db + " (run yocho generate first)");
    }
    Properties properties = new Properties();
    if (readOnly) {
      properties.setProperty("duckdb.read_only", "true");
    }
    try {
      return DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), properties);
    } catch (SQLException e) {
      if (heldByAnotherProcess(e)) {
        throw new UsageException("database " + db + " is held by another process (a running"
            + " `yocho serve`?): " + (readOnly ? "ask the service's HTTP API instead"
                : "use POST /api/v1/refresh on the service instead"), e);
      }
      throw new UsageException("cannot open database " + db + ": " + Cli.oneLine(e.getMessage()), e);
    }
  }

  /**
   * Whether DuckDB refused the file because another process holds its lock. DuckDB does not wait
   * for the lock: it fails at once with "Could not set lock on file ... Conflicting lock is held".
   */
  static boolean heldByAnotherProcess(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("Could not set lock on file") || m.contains("Conflicting lock"))) {
        return true;
      }
    }
    return false;
  }
}
