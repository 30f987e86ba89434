package dev.yocho.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), properties);
    } catch (SQLException e) {
      if (heldByAnotherProcess(e)) {
        throw new UsageException("database " + db + " is held by another process (" + holder(e)
            + "a running `yocho serve`?): " + (readOnly ? "ask the service's HTTP API instead"
                : "use POST /api/v1/refresh on the service instead"), e);
      }
      throw new UsageException("cannot open database " + db + ": " + Cli.oneLine(e.getMessage()), e);
    }
    requireYocho(connection, db);
    return connection;
  }

  /** The tables every yocho database has, whoever made it (generate or ingest). */
  private static final String YOCHO_TABLES = "SELECT count(DISTINCT table_name) FROM"
      + " information_schema.tables WHERE table_schema = 'main' AND table_name IN ('firms',"
      + " 'dataset_info')";

  /** Refuses (and closes) a DuckDB database that yocho did not make: a line, not an SQL error. */
  private static void requireYocho(Connection connection, Path db) {
    boolean yocho;
    try (PreparedStatement ps = connection.prepareStatement(YOCHO_TABLES);
        ResultSet rs = ps.executeQuery()) {
      yocho = rs.next() && rs.getInt(1) == 2;
    } catch (SQLException e) {
      yocho = false;
    }
    if (!yocho) {
      try {
        connection.close();
      } catch (SQLException e) {
        // refused anyway
      }
      throw new UsageException("database " + db + " is a DuckDB file but not a yocho database"
          + " (no firms and dataset_info tables): make one with yocho generate or yocho ingest");
    }
  }

  /** The {@code dataset_info} key naming who created a database and may replace it. */
  public static final String OWNER_KEY = "owner";

  private static final Pattern HOLDER = Pattern.compile("held in (.+?) \\(PID ([0-9]+)\\)");

  /**
   * A claim on a database file about to be replaced by a new one. While it is open, the old file
   * is held read-only, so no other process can start writing it before the replacement lands;
   * close it after the new file has been moved into place.
   */
  public static final class Claim implements AutoCloseable {
    private final Connection held;
    private final String owner;

    private Claim(Connection held, String owner) {
      this.held = held;
      this.owner = owner;
    }

    /** The owner recorded in the file being replaced, if any. */
    public Optional<String> owner() {
      return Optional.ofNullable(owner);
    }

    @Override
    public void close() {
      if (held != null) {
        try {
          held.close();
        } catch (SQLException e) {
          // read-only: closing writes nothing, and the file is about to be (or was) replaced
        }
      }
    }
  }

  /**
   * Checks that {@code db} may be replaced and holds it until the returned claim is closed. A file
   * another process holds (a running {@code yocho serve}, a refresh) is refused naming the holder;
   * so is a file with a write-ahead log beside it (its last writer is running or did not close it:
   * the log would lie beside the new file, which could then not be opened). With {@code
   * requiredOwner}, only a yocho database whose {@code dataset_info} names that owner may be
   * replaced ({@code demo} replaces only the database it made). A missing file needs no claim.
   */
  public static Claim claimForReplacement(Path db, String requiredOwner) {
    Path wal = db.resolveSibling(db.getFileName() + ".wal");
    Connection held = null;
    String owner = null;
    if (Files.exists(db)) {
      Properties properties = new Properties();
      properties.setProperty("duckdb.read_only", "true");
      try {
        held = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), properties);
      } catch (SQLException e) {
        if (heldByAnotherProcess(e)) {
          throw new UsageException("database " + db + " is held by another process ("
              + holder(e) + "a running `yocho serve`?): stop it before replacing the file", e);
        }
        if (requiredOwner != null) {
          throw new UsageException("--db " + db + " is not a yocho database ("
              + Cli.oneLine(e.getMessage()) + "); it is replaced only when its owner is '"
              + requiredOwner + "': remove it or choose another --db", e);
        }
        // not a database: --overwrite replaces any file nobody holds
      }
      if (held != null) {
        try {
          owner = recordedOwner(held);
        } catch (SQLException e) {
          owner = null; // no dataset_info: not made by yocho
        }
      }
    }
    Claim claim = new Claim(held, owner);
    if (Files.exists(wal)) {
      claim.close();
      throw new UsageException("database " + db + " has a write-ahead log beside it (" + wal
          + "): a process has it open, or its last writer stopped without closing it; stop that"
          + " process (or open the file once with a yocho command, which replays the log) before"
          + " replacing it");
    }
    if (requiredOwner != null && held != null && !requiredOwner.equals(owner)) {
      claim.close();
      throw new UsageException("database " + db + " was not made by " + requiredOwner + " ("
          + (owner == null ? "no owner recorded" : "its owner is '" + owner + "'")
          + "): it is not replaced; remove it or choose another --db");
    }
    return claim;
  }

  /** {@code dataset_info.owner}, or null when the table or the key is missing. */
  private static String recordedOwner(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM dataset_info WHERE key = ?")) {
      ps.setString(1, OWNER_KEY);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** The process DuckDB names as holding the lock, as {@code "PID 123, java; "}, or "". */
  static String holder(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = t.getMessage() == null ? null : HOLDER.matcher(t.getMessage());
      if (m != null && m.find()) {
        return "PID " + m.group(2) + ", " + Path.of(m.group(1)).getFileName() + "; ";
      }
    }
    return "";
  }

  /**
   * Makes {@code file} readable and writable by its owner only (a database holds every firm's
   * data). A file system without POSIX permissions is left as it is.
   */
  public static void restrictToOwner(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the directory's permissions protect the file
    } catch (IOException e) {
      throw new UsageException("cannot restrict the permissions of " + file + ": "
          + e.getMessage(), e);
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
