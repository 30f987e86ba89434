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
      throw new UsageException("cannot open database " + db + ": " + Cli.oneLine(e.getMessage()), e);
    }
  }
}
