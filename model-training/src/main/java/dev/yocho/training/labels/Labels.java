package dev.yocho.training.labels;

import dev.yocho.features.model.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-year default labels of every live firm at each as-of date, sorted by as-of date then firm
 * id — the same order as {@link dev.yocho.features.compute.FeatureMatrix}.
 */
public final class Labels {
  private static final String SQL = Schema.resource(Labels.class, "labels.sql");

  private final long[] firmIds;
  private final int[] asOfDays;
  private final boolean[] defaulted;
  private final boolean[] censored;

  private Labels(long[] firmIds, int[] asOfDays, boolean[] defaulted, boolean[] censored) {
    this.firmIds = firmIds;
    this.asOfDays = asOfDays;
    this.defaulted = defaulted;
    this.censored = censored;
  }

  /** Month-ends from the month of {@code from} to the month of {@code to}, inclusive. */
  public static List<LocalDate> monthEnds(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("no month-ends between " + from + " and " + to);
    }
    List<LocalDate> dates = new ArrayList<>();
    for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
      LocalDate end = m.atEndOfMonth();
      if (!end.isBefore(from) && !end.isAfter(to)) {
        dates.add(end);
      }
    }
    return dates;
  }

  public static Labels compute(Connection conn, List<LocalDate> asOfDates) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP TABLE yocho_label_calendar (as_of DATE)");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO yocho_label_calendar VALUES (?)")) {
      for (LocalDate d : asOfDates.stream().distinct().sorted().toList()) {
        ps.setObject(1, d);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    int cap = 1 << 16;
    long[] ids = new long[cap];
    int[] days = new int[cap];
    boolean[] def = new boolean[cap];
    boolean[] cen = new boolean[cap];
    int n = 0;
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
      while (rs.next()) {
        if (n == cap) {
          cap *= 2;
          ids = Arrays.copyOf(ids, cap);
          days = Arrays.copyOf(days, cap);
          def = Arrays.copyOf(def, cap);
          cen = Arrays.copyOf(cen, cap);
        }
        ids[n] = rs.getLong(1);
        days[n] = (int) rs.getObject(2, LocalDate.class).toEpochDay();
        def[n] = rs.getBoolean(3);
        cen[n] = rs.getBoolean(4);
        n++;
      }
    } finally {
      try (Statement st = conn.createStatement()) {
        st.execute("DROP TABLE IF EXISTS yocho_label_calendar");
      }
    }
    return new Labels(Arrays.copyOf(ids, n), Arrays.copyOf(days, n), Arrays.copyOf(def, n),
        Arrays.copyOf(cen, n));
  }

  public int rows() {
    return firmIds.length;
  }

  public long firmId(int row) {
    return firmIds[row];
  }

  public LocalDate asOf(int row) {
    return LocalDate.ofEpochDay(asOfDays[row]);
  }

  public int asOfEpochDay(int row) {
    return asOfDays[row];
  }

  public boolean defaulted(int row) {
    return defaulted[row];
  }

  public boolean censored(int row) {
    return censored[row];
  }
}
