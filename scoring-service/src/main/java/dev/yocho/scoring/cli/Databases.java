package dev.yocho.scoring.cli;

import dev.yocho.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/** Opening databases and parsing dates for the scoring commands. */
final class Databases {
  private Databases() {}

  /** Opens {@code db}; a missing file or one locked by another process is the caller's fault. */
  static Connection open(Path db, boolean readOnly) {
    if (!Files.isRegularFile(db)) {
      throw new UsageException("database not found: " + db);
    }
    Properties properties = new Properties();
    if (readOnly) {
      properties.setProperty("duckdb.read_only", "true");
    }
    try {
      return DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), properties);
    } catch (SQLException e) {
      throw new UsageException("cannot open database " + db + ": " + e.getMessage(), e);
    }
  }

  /** Parses an ISO date option, naming the option and the value when malformed. */
  static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException("malformed " + option + " '" + value + "': expected YYYY-MM-DD");
    }
  }
}
