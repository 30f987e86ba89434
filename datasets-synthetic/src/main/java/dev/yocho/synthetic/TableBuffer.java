package dev.yocho.synthetic;

import java.sql.SQLException;
import java.util.Arrays;
import org.duckdb.DuckDBAppender;

/**
 * Rows of one table held in growable primitive columns until they are appended in order. Column
 * kinds: {@code L} BIGINT, {@code I} INTEGER, {@code D} DATE (epoch day), {@code F} DOUBLE, {@code
 * S} VARCHAR, {@code B} BOOLEAN, {@code Y} money: BIGINT whole yen, rounded here, at the writer
 * (the data contract has no fractional yen).
 */
final class TableBuffer {
  private final String table;
  private final char[] kinds;
  private final long[][] longs;
  private final double[][] doubles;
  private final String[][] strings;
  private int rows;
  private int column;
  private int capacity;

  TableBuffer(String table, String kinds, int capacity) {
    this.table = table;
    this.kinds = kinds.toCharArray();
    this.longs = new long[this.kinds.length][];
    this.doubles = new double[this.kinds.length][];
    this.strings = new String[this.kinds.length][];
    int cap = Math.max(4, capacity);
    this.capacity = cap;
    for (int c = 0; c < this.kinds.length; c++) {
      switch (this.kinds[c]) {
        case 'L', 'I', 'D', 'B', 'Y' -> longs[c] = new long[cap];
        case 'F' -> doubles[c] = new double[cap];
        case 'S' -> strings[c] = new String[cap];
        default -> throw new IllegalArgumentException("unknown column kind " + this.kinds[c]);
      }
    }
  }

  String table() {
    return table;
  }

  int rows() {
    return rows;
  }

  /** Starts a row; values follow in column order. */
  TableBuffer row() {
    if (column != 0) {
      throw new IllegalStateException(table + ": previous row has " + column + " of "
          + kinds.length + " values");
    }
    if (rows == capacity) {
      grow();
    }
    return this;
  }

  private void grow() {
    int cap = capacity * 2;
    capacity = cap;
    for (int c = 0; c < kinds.length; c++) {
      if (longs[c] != null) {
        longs[c] = Arrays.copyOf(longs[c], cap);
      } else if (doubles[c] != null) {
        doubles[c] = Arrays.copyOf(doubles[c], cap);
      } else {
        strings[c] = Arrays.copyOf(strings[c], cap);
      }
    }
  }

  private int next(char kind) {
    int c = column;
    if (c >= kinds.length || kinds[c] != kind) {
      throw new IllegalStateException(table + ": column " + c + " is not of kind " + kind);
    }
    column = c + 1 == kinds.length ? 0 : c + 1;
    if (column == 0) {
      rows++;
    }
    return c;
  }

  TableBuffer l(long v) {
    int r = rows;
    longs[next('L')][r] = v;
    return this;
  }

  TableBuffer i(int v) {
    int r = rows;
    longs[next('I')][r] = v;
    return this;
  }

  TableBuffer d(int epochDay) {
    int r = rows;
    longs[next('D')][r] = epochDay;
    return this;
  }

  TableBuffer f(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalStateException(table + ": non-finite value " + v);
    }
    int r = rows;
    doubles[next('F')][r] = v;
    return this;
  }

  /** A money amount, rounded half up to whole yen. */
  TableBuffer y(double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalStateException(table + ": non-finite amount " + v);
    }
    int r = rows;
    longs[next('Y')][r] = Math.round(v);
    return this;
  }

  TableBuffer s(String v) {
    int r = rows;
    strings[next('S')][r] = v;
    return this;
  }

  TableBuffer b(boolean v) {
    int r = rows;
    longs[next('B')][r] = v ? 1 : 0;
    return this;
  }

  /** The value of a date or integer column at a row. */
  long longAt(int column, int row) {
    return longs[column][row];
  }

  /** Copies the rows whose {@code keyColumn} (a date) is at most {@code lastDay} into {@code target}. */
  void copyRowsUpTo(int keyColumn, int lastDay, TableBuffer target) {
    for (int r = 0; r < rows; r++) {
      if (longs[keyColumn][r] > lastDay) {
        continue;
      }
      target.row();
      for (int c = 0; c < kinds.length; c++) {
        switch (kinds[c]) {
          case 'L' -> target.l(longs[c][r]);
          case 'Y' -> target.y(longs[c][r]);
          case 'I' -> target.i((int) longs[c][r]);
          case 'D' -> target.d((int) longs[c][r]);
          case 'B' -> target.b(longs[c][r] != 0);
          case 'F' -> target.f(doubles[c][r]);
          default -> target.s(strings[c][r]);
        }
      }
    }
  }

  void appendTo(DuckDBAppender appender) throws SQLException {
    for (int r = 0; r < rows; r++) {
      appender.beginRow();
      for (int c = 0; c < kinds.length; c++) {
        switch (kinds[c]) {
          case 'L', 'Y' -> appender.append(longs[c][r]);
          case 'I' -> appender.append((int) longs[c][r]);
          case 'D' -> appender.appendEpochDays((int) longs[c][r]);
          case 'B' -> appender.append(longs[c][r] != 0);
          case 'F' -> appender.append(doubles[c][r]);
          default -> appender.append(strings[c][r]);
        }
      }
      appender.endRow();
    }
  }

  void clear() {
    rows = 0;
    column = 0;
    for (String[] s : strings) {
      if (s != null) {
        Arrays.fill(s, null);
      }
    }
  }
}
