package dev.yocho.scoring.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reading tables in tests: whole result sets as text rows, for exact comparisons. */
public final class Tables {
  private Tables() {}

  public static Connection open(Path db, boolean readOnly) throws SQLException {
    Properties p = new Properties();
    if (readOnly) {
      p.setProperty("duckdb.read_only", "true");
    }
    return DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p);
  }

  /** Every row of {@code sql}, each as its columns' text joined by " | ". */
  public static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          if (i > 1) {
            b.append(" | ");
          }
          b.append(rs.getString(i));
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }

  public static List<String> rows(Path db, String sql) throws SQLException {
    try (Connection c = open(db, true)) {
      return rows(c, sql);
    }
  }

  /** The three refresh tables, fully ordered. */
  public static List<String> refreshState(Path db) throws SQLException {
    List<String> all = new ArrayList<>();
    try (Connection c = open(db, true)) {
      all.addAll(rows(c, "SELECT 'g', * FROM grades ORDER BY as_of, firm_id"));
      all.addAll(rows(c, "SELECT 't', * FROM transitions ORDER BY as_of, firm_id"));
      all.addAll(rows(c, "SELECT 'e', * FROM explanations ORDER BY as_of, firm_id"));
    }
    return all;
  }

  /** "" when the two states are equal, else their sizes and the first row where they differ. */
  public static String difference(List<String> actual, List<String> expected) {
    if (actual.equals(expected)) {
      return "";
    }
    int n = Math.min(actual.size(), expected.size());
    int i = 0;
    while (i < n && actual.get(i).equals(expected.get(i))) {
      i++;
    }
    return actual.size() + " rows, expected " + expected.size() + "; first difference at row " + i
        + ": " + (i < actual.size() ? abbreviate(actual.get(i)) : "(none)") + " instead of "
        + (i < expected.size() ? abbreviate(expected.get(i)) : "(none)");
  }

  private static String abbreviate(String row) {
    return row.length() > 160 ? row.substring(0, 160) + "…" : row;
  }
}
