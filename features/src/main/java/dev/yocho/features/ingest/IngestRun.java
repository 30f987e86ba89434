package dev.yocho.features.ingest;

import dev.yocho.cli.Databases;
import dev.yocho.cli.UsageException;
import dev.yocho.features.model.Schema;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ingests batches into one database file, creating it from the contract's DDL when it does not
 * exist. A file another process holds (a running {@code yocho serve}) is refused.
 */
public final class IngestRun {
  private final Ingest ingest;
  private final Path db;

  public IngestRun(Ingest ingest, Path db) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * The totals of a run.
   *
   * @param ingested batches loaded now
   * @param skipped batches ingested before (same files): nothing changed
   * @param rowsRead rows read in the loaded batches
   * @param accepted rows accepted
   * @param rejected rows rejected
   * @param duplicates duplicate rows
   * @param rejectsByCode rejected rows per code
   * @param dataThrough the date the data are complete through after the run
   * @param batches every batch's result, in load order
   */
  public record Summary(int ingested, int skipped, long rowsRead, long accepted, long rejected,
      long duplicates, Map<String, Long> rejectsByCode, LocalDate dataThrough,
      List<BatchResult> batches) {}

  /** The charset of an {@code --encoding} value: UTF-8, or CP932 (also Shift_JIS, SJIS). */
  public static Charset charset(String name) {
    String n = name.trim().toUpperCase(Locale.ROOT).replace('_', '-');
    return switch (n) {
      case "UTF-8", "UTF8" -> java.nio.charset.StandardCharsets.UTF_8;
      case "CP932", "SHIFT-JIS", "SJIS", "WINDOWS-31J", "MS932" -> Charset.forName("windows-31j");
      default -> throw new UsageException("--encoding must be UTF-8 or CP932 (Shift_JIS), not '"
          + name + "'");
    };
  }

  /**
   * Ingests {@code batches} in order; {@code knowledgeDate} overrides each batch's own (its
   * directory's name when it is a date, else today in UTC). {@code onBatch} sees each result as
   * it is committed.
   */
  public Summary ingest(List<IngestBatch> batches, LocalDate knowledgeDate, Charset encoding,
      Consumer<BatchResult> onBatch) throws SQLException {
    try (Connection connection = openOrCreate(db)) {
      return ingest(connection, batches, knowledgeDate, encoding, onBatch);
    }
  }

  /** As {@link #ingest(List, LocalDate, Charset, Consumer)}, on an open connection. */
  public Summary ingest(Connection connection, List<IngestBatch> batches,
      LocalDate knowledgeDate, Charset encoding, Consumer<BatchResult> onBatch)
      throws SQLException {
    int ingested = 0;
    int skipped = 0;
    long read = 0;
    long accepted = 0;
    long rejected = 0;
    long duplicates = 0;
    Map<String, Long> byCode = new LinkedHashMap<>();
    List<BatchResult> results = new java.util.ArrayList<>();
    for (IngestBatch b : batches) {
      LocalDate date = knowledgeDate != null ? knowledgeDate
          : b.datedName().orElseGet(() -> LocalDate.now(ZoneOffset.UTC));
      BatchResult r = ingest.ingest(connection, b, date, encoding);
      results.add(r);
      onBatch.accept(r);
      if (r.alreadyIngested()) {
        skipped++;
        continue;
      }
      ingested++;
      read += r.rowsRead();
      accepted += r.accepted();
      rejected += r.rejected();
      duplicates += r.duplicates();
      r.rejectsByCode().forEach((code, n) -> byCode.merge(code, n, Long::sum));
    }
    return new Summary(ingested, skipped, read, accepted, rejected, duplicates, byCode,
        dataThrough(connection), List.copyOf(results));
  }

  /** {@code dataset_info.window_to}, or null when the database has none yet. */
  public static LocalDate dataThrough(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT value FROM dataset_info WHERE key = 'window_to'")) {
      return rs.next() ? LocalDate.parse(rs.getString(1).trim()) : null;
    }
  }

  /** Opens {@code db} read-write, or creates it with the contract's tables when it is missing. */
  public static Connection openOrCreate(Path db) throws SQLException {
    if (Files.exists(db)) {
      return Databases.open(db, false);
    }
    Path parent = db.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UsageException("cannot create database " + db + ": directory " + parent
          + " does not exist");
    }
    Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
    try {
      dev.yocho.cli.Databases.restrictToOwner(db); // every firm's data: its owner's only
      Schema.createObservable(connection);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    return connection;
  }
}
