package dev.yocho.features.compute;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.catalogue.FeatureDefinition;
import dev.yocho.features.model.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The batch path: features of every live firm as of one or many dates, in one DuckDB query. The
 * raw features come from {@code live_features.sql} (one source), joined to a calendar of as-of
 * dates; this class only wraps it with the calendar, the industry default rates ({@code
 * industry_default_rate.sql}) and the catalogue's winsorisation and column order.
 *
 * <p>Instances are stateless and thread-safe; they are objects rather than static methods so that
 * callers can hold one beside a {@link SingleFirmFeatures}.
 */
public final class BatchFeatures {
  private static final String RAW = Schema.resource(BatchFeatures.class, "live_features.sql");
  private static final String INDUSTRY_RATE =
      Schema.resource(BatchFeatures.class, "industry_default_rate.sql");

  private final FeatureCatalogue catalogue = FeatureCatalogue.current();

  /** Every live firm as of {@code asOf}, sorted by firm id. */
  public FeatureMatrix compute(Connection connection, LocalDate asOf) throws SQLException {
    return compute(connection, List.of(asOf));
  }

  /**
   * Every live firm as of each of {@code asOfDates} (duplicates ignored), sorted by date then firm
   * id. All dates must lie in the database's {@link DataWindow}.
   */
  public FeatureMatrix compute(Connection connection, List<LocalDate> asOfDates)
      throws SQLException {
    return compute(connection, asOfDates, null);
  }

  /**
   * The live firms among {@code firmIds} as of each of {@code asOfDates}, sorted by date then firm
   * id: the same rows as {@link #compute(Connection, List)} gives for those firms (a firm's
   * features read only its own facts, and the industry default rate is computed over every firm),
   * without computing the others. {@code null} means every firm.
   */
  public FeatureMatrix compute(
      Connection connection, List<LocalDate> asOfDates, java.util.Collection<Long> firmIds)
      throws SQLException {
    List<LocalDate> dates = checkedDates(connection, asOfDates);
    // raw values straight from the query; winsorisation (FeatureDefinition.winsorise, the same
    // bounds the Parquet path writes in SQL) and the (date, firm) order are applied here, which
    // spares DuckDB a sort of every wide row and a CASE per value
    String sql = "SELECT firm_id, as_of - DATE '1970-01-01' AS as_of_day, has_statement, "
        + String.join(", ", catalogue.names()) + " FROM (" + query(dates, firmIds) + ")";
    List<FeatureDefinition> definitions = catalogue.definitions();
    int width = catalogue.size();
    // at most one row per firm and date: sized once, not grown by copies of a matrix of GBs
    long bound = (long) dates.size() * (firmIds != null ? firmIds.size() : firmCount(connection));
    int capacity = (int) Math.max(16, Math.min(bound, Integer.MAX_VALUE / width));
    long[] firms = new long[capacity];
    int[] days = new int[capacity];
    boolean[] full = new boolean[capacity];
    double[] values = new double[capacity * width];
    int rows = 0;
    boolean sorted = true;
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        if (rows == capacity) {
          capacity = Math.multiplyExact(capacity, 2);
          firms = Arrays.copyOf(firms, capacity);
          days = Arrays.copyOf(days, capacity);
          full = Arrays.copyOf(full, capacity);
          values = Arrays.copyOf(values, Math.multiplyExact(capacity, width));
        }
        firms[rows] = rs.getLong(1);
        days[rows] = rs.getInt(2);
        full[rows] = rs.getBoolean(3);
        if (rows > 0 && !before(days[rows - 1], firms[rows - 1], days[rows], firms[rows])) {
          sorted = false;
        }
        int base = rows * width;
        for (int j = 0; j < width; j++) {
          double v = rs.getDouble(4 + j);
          values[base + j] = rs.wasNull() ? Double.NaN : definitions.get(j).winsorise(v);
        }
        rows++;
      }
    }
    if (sorted) {
      return new FeatureMatrix(
          Arrays.copyOf(firms, rows), Arrays.copyOf(days, rows), Arrays.copyOf(full, rows),
          Arrays.copyOf(values, rows * width));
    }
    Integer[] order = new Integer[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    long[] f = firms;
    int[] d = days;
    Arrays.sort(order, (a, b) -> d[a] != d[b] ? Integer.compare(d[a], d[b]) : Long.compare(f[a], f[b]));
    long[] sortedFirms = new long[rows];
    int[] sortedDays = new int[rows];
    boolean[] sortedFull = new boolean[rows];
    double[] sortedValues = new double[rows * width];
    for (int i = 0; i < rows; i++) {
      int from = order[i];
      sortedFirms[i] = firms[from];
      sortedDays[i] = days[from];
      sortedFull[i] = full[from];
      System.arraycopy(values, from * width, sortedValues, i * width, width);
    }
    return new FeatureMatrix(sortedFirms, sortedDays, sortedFull, sortedValues);
  }

  private static long firmCount(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM firms")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Whether row (dayA, firmA) sorts strictly before row (dayB, firmB). */
  private static boolean before(int dayA, long firmA, int dayB, long firmB) {
    return dayA < dayB || (dayA == dayB && firmA < firmB);
  }

  /**
   * Writes every live firm as of {@code asOf} to a Parquet file: {@code firm_id} then the features
   * in catalogue order, missing as NULL; the catalogue version and the as-of date are in the file's
   * key-value metadata. Returns the number of rows written.
   */
  public long writeParquet(Connection connection, LocalDate asOf, Path out) throws SQLException {
    List<LocalDate> dates = checkedDates(connection, List.of(asOf));
    String path = out.toAbsolutePath().toString().replace("'", "''");
    String sql = "COPY (SELECT firm_id, " + winsorisedColumns() + " FROM (" + query(dates)
        + ") ORDER BY firm_id) TO '" + path + "' (FORMAT parquet, KV_METADATA {catalogue_version: '"
        + catalogue.version() + "', as_of: '" + asOf + "'})";
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
      return st.getUpdateCount();
    }
  }

  /**
   * The raw feature query (columns {@code firm_id, as_of, has_statement} and the catalogue's names,
   * unwinsorised, missing as NULL) over a calendar of {@code asOfDates}. Public so that callers can
   * join it (e.g. labels for training) without copying it.
   */
  public static String query(List<LocalDate> asOfDates) {
    return query(asOfDates, null);
  }

  /** {@link #query(List)} restricted to the firms {@code firmIds} ({@code null}: every firm). */
  public static String query(List<LocalDate> asOfDates, java.util.Collection<Long> firmIds) {
    if (asOfDates.isEmpty()) {
      throw new IllegalArgumentException("no as-of date given");
    }
    // LocalDate.toString is ISO yyyy-MM-dd: safe to inline as a literal.
    String calendar = asOfDates.stream()
        .map(d -> "(DATE '" + d + "')")
        .collect(Collectors.joining(", "));
    String firms = "SELECT * FROM firms";
    if (firmIds != null) {
      // numbers only (longs), so inlining them is safe; an empty set selects no firm
      firms += firmIds.isEmpty() ? " WHERE false" : " WHERE firm_id IN (" + firmIds.stream()
          .map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }
    return "WITH yocho_cal(as_of) AS (VALUES " + calendar + "),\n"
        + "yocho_firms AS (" + firms + "),\n"
        + "yocho_industry_default_rate AS (\n" + INDUSTRY_RATE + "\n)\n"
        + "SELECT * FROM (\n" + RAW + "\n)";
  }

  /** The features in catalogue order, each clamped into its winsorisation bounds. */
  private String winsorisedColumns() {
    return catalogue.definitions().stream()
        .map(BatchFeatures::winsorised)
        .collect(Collectors.joining(", "));
  }

  private static String winsorised(FeatureDefinition d) {
    String x = d.name();
    if (!d.winsorised()) {
      return x;
    }
    StringBuilder sql = new StringBuilder("CASE WHEN ").append(x).append(" IS NULL THEN NULL");
    if (Double.isFinite(d.lowerBound())) {
      String lo = literal(d.lowerBound());
      sql.append(" WHEN ").append(x).append(" < ").append(lo).append(" THEN ").append(lo);
    }
    if (Double.isFinite(d.upperBound())) {
      String hi = literal(d.upperBound());
      sql.append(" WHEN ").append(x).append(" > ").append(hi).append(" THEN ").append(hi);
    }
    return sql.append(" ELSE ").append(x).append(" END AS ").append(x).toString();
  }

  private static String literal(double value) {
    return "CAST('" + value + "' AS DOUBLE)";
  }

  private static List<LocalDate> checkedDates(Connection connection, List<LocalDate> asOfDates)
      throws SQLException {
    Objects.requireNonNull(asOfDates, "asOfDates");
    if (asOfDates.isEmpty()) {
      throw new IllegalArgumentException("no as-of date given");
    }
    DataWindow window = DataWindow.read(connection);
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (LocalDate d : asOfDates) {
      window.require(Objects.requireNonNull(d, "as-of date"));
      dates.add(d);
    }
    return List.copyOf(dates);
  }
}
