package dev.yocho.features.ingest;

import dev.yocho.cli.UsageException;
import dev.yocho.features.contract.ColumnContract;
import dev.yocho.features.contract.Contract;
import dev.yocho.features.contract.RuleContract;
import dev.yocho.features.contract.TableContract;
import dev.yocho.features.ingest.BatchResult.Reject;
import dev.yocho.features.model.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Loads batches of contract files into a yocho database, each batch whole or not at all.
 *
 * <p>Per file, one SQL pass over DuckDB's reader (every column read as text) casts each column
 * with {@code TRY_CAST} and finds the first problem of each row (empty cell, bad type, fractional
 * yen, unknown code, a date after the knowledge date, a failed rule); then the rows without one
 * are checked as a set (unknown firm, exact duplicate of a loaded or earlier row, another row
 * with the same key). Rows that pass are inserted; the others go to {@code ingest_rejects}. Input
 * that cannot be read at all (missing file, unknown table, wrong header, undecodable bytes) is a
 * {@link UsageException} and the batch's transaction is rolled back.
 */
public final class Ingest {
  private static final int EXAMPLES = 5;
  private static final String CSV_REJECTS = "yocho_csv_rejects";
  private static final String CSV_SCANS = "yocho_csv_scans";

  private final Contract contract;

  public Ingest(Contract contract) {
    this.contract = Objects.requireNonNull(contract, "contract");
  }

  /**
   * Ingests {@code batch} with the knowledge date {@code knowledgeDate} (the date its facts were
   * first known; no date in it may be later). {@code connection} must be in auto-commit mode; the
   * batch runs in its own transaction.
   */
  public BatchResult ingest(Connection connection, IngestBatch batch, LocalDate knowledgeDate,
      Charset encoding) throws SQLException {
    Objects.requireNonNull(knowledgeDate, "knowledgeDate");
    Schema.createIngestRecord(connection);
    List<TableFile> files = new ArrayList<>();
    try {
      for (Path p : batch.files()) {
        files.add(TableFile.open(p, contract, encoding, connection));
      }
      List<String> order = contract.tableNames();
      files.sort(Comparator.comparingInt(f -> order.indexOf(f.table.name())));
      for (int i = 1; i < files.size(); i++) {
        if (files.get(i).table == files.get(i - 1).table) {
          throw new UsageException("batch " + batch.name() + " has two files for table "
              + files.get(i).table.name() + ": " + files.get(i - 1).fileName() + " and "
              + files.get(i).fileName());
        }
      }
      String batchId = sha256(files);
      BatchResult earlier = earlier(connection, batchId, batch.name());
      if (earlier != null) {
        return earlier;
      }
      return load(connection, batch, batchId, files, knowledgeDate);
    } finally {
      for (TableFile f : files) {
        f.close();
      }
    }
  }

  private BatchResult load(Connection connection, IngestBatch batch, String batchId,
      List<TableFile> files, LocalDate knowledgeDate) throws SQLException {
    connection.setAutoCommit(false);
    try {
      Counts total = new Counts();
      LocalDate lastPublished = lastPublished(connection);
      for (TableFile f : files) {
        total.add(loadFile(connection, f, batchId, knowledgeDate, lastPublished));
      }
      advanceWindow(connection, knowledgeDate);
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO ingest_batches VALUES (?, ?, now()::TIMESTAMP, ?, ?, ?, ?, ?)")) {
        ps.setString(1, batchId);
        ps.setObject(2, knowledgeDate);
        ps.setString(3, files.stream().map(TableFile::fileName).collect(Collectors.joining(",")));
        ps.setLong(4, total.read);
        ps.setLong(5, total.accepted);
        ps.setLong(6, total.rejected);
        ps.setLong(7, total.duplicates);
        ps.executeUpdate();
      }
      BatchResult result = new BatchResult(batchId, batch.name(), knowledgeDate, false,
          total.read, total.accepted, total.rejected, total.duplicates,
          rejectsByCode(connection, batchId), examples(connection, batchId));
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  /** The row counts of one file. */
  private static final class Counts {
    long read;
    long accepted;
    long rejected;
    long duplicates;

    void add(Counts c) {
      read += c.read;
      accepted += c.accepted;
      rejected += c.rejected;
      duplicates += c.duplicates;
    }
  }

  /** A per-row problem: the CASE branch {@code index} of the check query. */
  private record Problem(String condition, String code, String column, String message,
      String value) {}

  private Counts loadFile(Connection connection, TableFile f, String batchId,
      LocalDate knowledgeDate, LocalDate lastPublished) throws SQLException {
    TableContract t = f.table;
    List<Problem> problems = problems(t, knowledgeDate, lastPublished);
    try (Statement st = connection.createStatement()) {
      st.execute("DROP TABLE IF EXISTS yocho_checked");
      st.execute("DROP TABLE IF EXISTS yocho_staged");
      st.execute("DROP TABLE IF EXISTS " + CSV_REJECTS);
      st.execute("DROP TABLE IF EXISTS " + CSV_SCANS);
      st.execute("CREATE TEMP TABLE yocho_checked AS " + checkQuery(f, problems));
      Counts counts = new Counts();
      long malformed = f.format == TableFile.Format.CSV ? malformedRows(connection, f, batchId) : 0;
      counts.rejected += malformed;
      st.execute("CREATE TEMP TABLE yocho_problems (k INTEGER, code VARCHAR, \"column\" VARCHAR,"
          + " message VARCHAR)");
      try (PreparedStatement ps =
          connection.prepareStatement("INSERT INTO yocho_problems VALUES (?, ?, ?, ?)")) {
        for (int k = 0; k < problems.size(); k++) {
          Problem p = problems.get(k);
          ps.setInt(1, k);
          ps.setString(2, p.code());
          ps.setString(3, p.column());
          ps.setString(4, p.message());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String file = Sql.literal(f.fileName());
      String batch = Sql.literal(batchId);
      counts.rejected += st.executeUpdate("INSERT INTO ingest_rejects SELECT " + batch + ", "
          + file + ", c.line, p.\"column\", c.bad_value, p.code, p.message FROM yocho_checked c"
          + " JOIN yocho_problems p ON p.k = c.k ORDER BY c.line");
      st.execute("DROP TABLE yocho_problems");
      st.execute("CREATE TEMP TABLE yocho_staged AS " + stageQuery(t));
      boolean firmRef = referencesFirms(t);
      String firmId = firmRef ? "CAST(firm_id AS VARCHAR)" : "NULL";
      counts.rejected += st.executeUpdate("INSERT INTO ingest_rejects SELECT " + batch + ", "
          + file + ", line, "
          + "CASE WHEN status = 'unknown_firm' THEN 'firm_id' ELSE "
          + Sql.literal(String.join(",", t.key())) + " END, "
          + "CASE WHEN status = 'unknown_firm' THEN " + firmId + " ELSE " + keyText(t)
          + " END, status, "
          + "CASE WHEN status = 'unknown_firm' THEN 'firm_id ' || " + firmId
          + " || ' is in no firms row (load the firm first, or in the same batch)'"
          + " ELSE 'another " + t.name() + " row with the same key (" + String.join(", ", t.key())
          + ") and other values is already loaded or earlier in the batch' END"
          + " FROM yocho_staged WHERE status IN ('unknown_firm', 'key_conflict') ORDER BY line");
      counts.accepted = st.executeUpdate("INSERT INTO " + t.name() + " ("
          + columnList(t, "") + ") SELECT " + columnList(t, "") + " FROM yocho_staged"
          + " WHERE status = 'accepted' ORDER BY line");
      counts.duplicates = count(st, "SELECT count(*) FROM yocho_staged WHERE status = 'duplicate'");
      counts.read = count(st, "SELECT count(*) FROM yocho_checked") + malformed;
      st.execute("DROP TABLE yocho_checked");
      st.execute("DROP TABLE yocho_staged");
      if (counts.read != counts.accepted + counts.rejected + counts.duplicates) {
        throw new IllegalStateException(f.fileName() + ": rows read " + counts.read
            + " != accepted " + counts.accepted + " + rejected " + counts.rejected
            + " + duplicates " + counts.duplicates);
      }
      return counts;
    }
  }

  /**
   * Records the lines DuckDB's reader could not split into the table's columns as {@code
   * malformed_row} rejects, renumbers the rows read after them to their file lines, and returns
   * how many there were. Bytes that are not UTF-8 stop the batch.
   */
  private long malformedRows(Connection connection, TableFile f, String batchId)
      throws SQLException {
    List<long[]> lines = new ArrayList<>();
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT line, error_type, error_message FROM "
          + CSV_REJECTS + " ORDER BY line")) {
        while (rs.next()) {
          String type = rs.getString(2) + " " + rs.getString(3);
          if (type.toUpperCase(java.util.Locale.ROOT).contains("UNICODE")) {
            throw new UsageException(f.file + ": line " + rs.getLong(1) + " has bytes that are"
                + " not valid UTF-8 (pass --encoding CP932 for a Shift_JIS file)");
          }
          if (lines.isEmpty() || lines.get(lines.size() - 1)[0] != rs.getLong(1)) {
            lines.add(new long[] {rs.getLong(1)});
          }
        }
      }
      if (lines.isEmpty()) {
        return 0;
      }
      st.execute("INSERT INTO ingest_rejects SELECT " + Sql.literal(batchId) + ", "
          + Sql.literal(f.fileName()) + ", line, NULL, any_value(csv_line), 'malformed_row',"
          + " 'the line does not split into the " + f.table.columns().size() + " columns of "
          + f.table.name() + ": ' || any_value(error_message) FROM " + CSV_REJECTS
          + " GROUP BY line ORDER BY line");
      // rows read after a malformed line sit one line lower than their row number says
      st.execute("CREATE TEMP TABLE yocho_lines AS SELECT row_number() OVER (ORDER BY n) + 1 AS rn,"
          + " n AS line FROM range(2, (SELECT count(*) FROM yocho_checked) + "
          + lines.size() + " + 2) r(n) WHERE n NOT IN (SELECT line FROM " + CSV_REJECTS + ")");
      st.execute("UPDATE yocho_checked SET line = l.line FROM yocho_lines l"
          + " WHERE yocho_checked.line = l.rn");
      st.execute("DROP TABLE yocho_lines");
    }
    return lines.size();
  }

  /**
   * The last published day: the latest date the refresh has graded ({@code max(as_of)} of {@code
   * grades}), or null before the first refresh. Two batches of one day before its refresh are
   * both accepted; a fact of a graded day arriving after it was graded is not.
   */
  private static LocalDate lastPublished(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables"
          + " WHERE table_name = 'grades' AND table_schema = 'main'")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return null;
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT max(as_of) FROM grades")) {
        return rs.next() ? rs.getObject(1, LocalDate.class) : null;
      }
    }
  }

  /**
   * The per-row checks of table {@code t}, in the order they are tried. With {@code
   * lastPublished} (not null), a row whose knowledge date falls on or before it is refused:
   * those days are graded and published, and a fact claiming to have been known on one of them
   * would change them when they are re-refreshed (DESIGN section 12: a late fact is a new row
   * with the date it became known).
   */
  private List<Problem> problems(TableContract t, LocalDate knowledgeDate,
      LocalDate lastPublished) {
    List<Problem> problems = new ArrayList<>();
    String keyValues = keyText(t, "r_");
    for (ColumnContract c : t.columns()) {
      String raw = Sql.id("r_" + c.name());
      String typed = Sql.id(c.name());
      problems.add(new Problem(raw + " IS NULL OR trim(" + raw + ") = ''", "missing_value",
          c.name(), c.name() + " is empty", raw));
      if (!c.type().equals("VARCHAR")) {
        problems.add(new Problem(typed + " IS NULL", "bad_type", c.name(),
            c.name() + " is not " + typeName(c), raw));
      }
      if (c.integral()) {
        problems.add(new Problem("TRY_CAST(" + raw + " AS DOUBLE) <> " + typed, "fractional_yen",
            c.name(), c.name() + (c.unit().equals("yen") ? " has a fraction of a yen (money is"
                + " whole yen)" : " is not a whole number"), raw));
      }
      if (c.codes() != null) {
        problems.add(new Problem(typed + " NOT IN (" + contract.codes(c).stream()
            .map(Sql::literal).collect(Collectors.joining(", ")) + ")", "unknown_code",
            c.name(), c.name() + " is not one of the " + c.codes() + " codes (docs/data-contract.md)",
            raw));
      }
      if (c.type().equals("DATE")) {
        problems.add(new Problem(typed + " > DATE '" + knowledgeDate + "'",
            "after_knowledge_date", c.name(), c.name() + " is after the batch's knowledge date "
                + knowledgeDate, raw));
      }
    }
    if (lastPublished != null && t.knowledgeColumn().isPresent()) {
      ColumnContract k = t.knowledgeColumn().get();
      problems.add(new Problem(Sql.id(k.name()) + " <= DATE '" + lastPublished + "'",
          "known_on_a_published_day", k.name(), k.name() + " is on or before " + lastPublished
              + ", the last day already graded and published: a fact first known later carries"
              + " the date it became known",
          Sql.id("r_" + k.name())));
    }
    for (RuleContract r : t.rules()) {
      problems.add(new Problem("NOT (" + r.check() + ")", "rule:" + r.name(), null, r.message(),
          keyValues));
    }
    return problems;
  }

  private static String typeName(ColumnContract c) {
    return switch (c.type()) {
      case "DATE" -> "a date (YYYY-MM-DD)";
      case "BOOLEAN" -> "true or false";
      case "DOUBLE" -> "a number";
      default -> "an integer (" + c.type() + ")";
    };
  }

  /**
   * The check query of one file: its rows with typed columns, {@code line}, {@code k} (the first
   * problem, null when none) and {@code bad_value} (the text at fault).
   */
  private String checkQuery(TableFile f, List<Problem> problems) {
    TableContract t = f.table;
    String path = Sql.literal(f.readable.toAbsolutePath().toString());
    String source;
    if (f.format == TableFile.Format.CSV) {
      String columns = f.columns.stream().map(c -> Sql.literal("r_" + c) + ": 'VARCHAR'")
          .collect(Collectors.joining(", "));
      source = "SELECT row_number() OVER () + 1 AS line, * FROM read_csv(" + path
          + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
          + " columns = {" + columns + "}, store_rejects = true, rejects_table = '"
          + CSV_REJECTS + "', rejects_scan = '" + CSV_SCANS + "')";
    } else {
      source = "SELECT file_row_number + 1 AS line, " + t.columns().stream()
          .map(c -> "CAST(" + Sql.id(c.name()) + " AS VARCHAR) AS " + Sql.id("r_" + c.name()))
          .collect(Collectors.joining(", ")) + " FROM read_parquet(" + path
          + ", file_row_number = true)";
    }
    StringBuilder typed = new StringBuilder("SELECT line");
    for (ColumnContract c : t.columns()) {
      String raw = Sql.id("r_" + c.name());
      typed.append(", ").append(raw).append(", ")
          .append(c.type().equals("VARCHAR") ? raw : "TRY_CAST(" + raw + " AS " + c.type() + ")")
          .append(" AS ").append(Sql.id(c.name()));
    }
    typed.append(" FROM (").append(source).append(")");
    StringBuilder firstProblem = new StringBuilder("CASE");
    for (int k = 0; k < problems.size(); k++) {
      firstProblem.append(" WHEN ").append(problems.get(k).condition()).append(" THEN ").append(k);
    }
    firstProblem.append(" END");
    StringBuilder badValue = new StringBuilder("CASE k");
    for (int k = 0; k < problems.size(); k++) {
      badValue.append(" WHEN ").append(k).append(" THEN ").append(problems.get(k).value());
    }
    badValue.append(" END");
    StringBuilder raws = new StringBuilder();
    for (ColumnContract c : t.columns()) {
      raws.append(", ").append(Sql.id("r_" + c.name()));
    }
    return "SELECT line, " + columnList(t, "") + ", k, " + badValue + " AS bad_value FROM ("
        + "SELECT line" + raws + ", " + columnList(t, "") + ", " + firstProblem + " AS k FROM ("
        + typed + "))";
  }

  /**
   * Rows without a per-row problem, each with a status: {@code unknown_firm}, {@code duplicate}
   * (identical to a loaded row or an earlier one), {@code key_conflict} (same key, other values)
   * or {@code accepted}.
   */
  private String stageQuery(TableContract t) {
    String all = columnList(t, "");
    String unknownFirm = referencesFirms(t)
        ? "firm_id NOT IN (SELECT firm_id FROM firms)" : "false";
    String sameRow = t.columns().stream()
        .map(c -> "t." + Sql.id(c.name()) + " = g." + Sql.id(c.name()))
        .collect(Collectors.joining(" AND "));
    String sameKey = t.key().stream()
        .map(c -> "t." + Sql.id(c) + " = d." + Sql.id(c))
        .collect(Collectors.joining(" AND "));
    String key = t.key().stream().map(Sql::id).collect(Collectors.joining(", "));
    return "WITH g AS (SELECT line, " + all + ", " + unknownFirm + " AS unknown_firm"
        + " FROM yocho_checked WHERE k IS NULL),"
        + " d AS (SELECT g.*, NOT unknown_firm AND (EXISTS (SELECT 1 FROM " + t.name()
        + " t WHERE " + sameRow + ") OR row_number() OVER (PARTITION BY " + all
        + " ORDER BY line) > 1) AS duplicate FROM g),"
        + " c AS (SELECT d.*, NOT unknown_firm AND NOT duplicate AND (EXISTS (SELECT 1 FROM "
        + t.name() + " t WHERE " + sameKey + ") OR row_number() OVER (PARTITION BY " + key
        + ", (unknown_firm OR duplicate) ORDER BY line) > 1) AS key_conflict FROM d)"
        + " SELECT line, " + all + ", CASE WHEN unknown_firm THEN 'unknown_firm'"
        + " WHEN duplicate THEN 'duplicate' WHEN key_conflict THEN 'key_conflict'"
        + " ELSE 'accepted' END AS status FROM c";
  }

  private static boolean referencesFirms(TableContract t) {
    return t.column("firm_id").map(c -> "firms".equals(c.references())).orElse(false);
  }

  private static String columnList(TableContract t, String prefix) {
    return t.columns().stream().map(c -> Sql.id(prefix + c.name()))
        .collect(Collectors.joining(", "));
  }

  /** The key of a staged row as text: {@code firm_id=5 period_end=2024-03-31}. */
  private static String keyText(TableContract t) {
    return keyText(t, "");
  }

  private static String keyText(TableContract t, String prefix) {
    return "concat_ws(' ', " + t.key().stream()
        .map(c -> "'" + c + "=' || CAST(" + Sql.id(prefix + c) + " AS VARCHAR)")
        .collect(Collectors.joining(", ")) + ")";
  }

  /**
   * Data complete through: {@code dataset_info.window_to} moves to the knowledge date when it is
   * later; {@code window_from} is set once, from the earliest fact, when missing.
   */
  private static void advanceWindow(Connection connection, LocalDate knowledgeDate)
      throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("INSERT INTO dataset_info VALUES ('window_to', '" + knowledgeDate + "')"
          + " ON CONFLICT (key) DO UPDATE SET value = greatest(value, excluded.value)");
      st.execute("INSERT INTO dataset_info SELECT 'window_from', CAST(coalesce(least("
          + "(SELECT min(available_at) FROM statements),"
          + " (SELECT min(available_at) FROM monthly_trial_balances),"
          + " (SELECT min(day) FROM inquiries), (SELECT min(reported_on) FROM events),"
          + " (SELECT min(applied_on) FROM guarantee_applications),"
          + " (SELECT min(default_on) FROM defaults), (SELECT min(closed_on) FROM closures)),"
          + " DATE '" + knowledgeDate + "') AS VARCHAR) ON CONFLICT (key) DO NOTHING");
      st.execute("INSERT INTO dataset_info VALUES ('source', 'ingest') ON CONFLICT (key)"
          + " DO NOTHING");
    }
  }

  private static BatchResult earlier(Connection connection, String batchId, String name)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("SELECT knowledge_date, rows_read,"
        + " accepted, rejected, duplicates FROM ingest_batches WHERE batch_id = ?")) {
      ps.setString(1, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new BatchResult(batchId, name, rs.getObject(1, LocalDate.class), true,
            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
            rejectsByCode(connection, batchId), List.of());
      }
    }
  }

  private static Map<String, Long> rejectsByCode(Connection connection, String batchId)
      throws SQLException {
    Map<String, Long> byCode = new LinkedHashMap<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT code, count(*) FROM"
        + " ingest_rejects WHERE batch_id = ? GROUP BY code ORDER BY count(*) DESC, code")) {
      ps.setString(1, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byCode.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return byCode;
  }

  private static List<Reject> examples(Connection connection, String batchId)
      throws SQLException {
    List<Reject> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT file, line, \"column\", value,"
        + " code, message FROM ingest_rejects WHERE batch_id = ? ORDER BY file, line LIMIT "
        + EXAMPLES)) {
      ps.setString(1, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Reject(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6)));
        }
      }
    }
    return out;
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** SHA-256 over the batch's files in load order: each file's name, length and bytes. */
  private static String sha256(List<TableFile> files) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (TableFile f : files) {
      digest.update(f.fileName().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      try (InputStream in = Files.newInputStream(f.file)) {
        digest.update(Long.toString(Files.size(f.file)).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        int n;
        while ((n = in.read(buffer)) > 0) {
          digest.update(buffer, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f.file, e);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
