package dev.yocho.features.compute;

import dev.yocho.features.model.Schema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The date range a database covers ({@code dataset_info} keys {@code window_from} and {@code
 * window_to}); features can only be asked for as of a date inside it. {@code window_to} is the
 * date the data are complete through: the generator's last day, or the latest knowledge date an
 * ingest loaded (it moves with the batches); a date after it is refused, naming the date needed.
 *
 * @param from first date of the data (inclusive)
 * @param to last date of the data (inclusive)
 */
public record DataWindow(LocalDate from, LocalDate to) {
  public DataWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("data window ends (" + to + ") before it starts (" + from
          + ")");
    }
  }

  /** Reads the window of the database behind {@code connection}. */
  public static DataWindow read(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(Schema.resource(DataWindow.class, "data_window.sql"))) {
      rs.next();
      String from = rs.getString(1);
      String to = rs.getString(2);
      if (from == null || to == null) {
        throw new IllegalArgumentException(
            "the database has no data range (dataset_info window_from / window_to)");
      }
      try {
        return new DataWindow(LocalDate.parse(from.trim()), LocalDate.parse(to.trim()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "dataset_info holds a malformed data range: " + from + " .. " + to, e);
      }
    }
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }

  /** Throws {@link IllegalArgumentException} naming {@code asOf} when it is outside the window. */
  public void require(LocalDate asOf) {
    if (asOf.isAfter(to)) {
      throw new IllegalArgumentException("as-of " + asOf + " is after the data, which are"
          + " complete through " + to + ": ingest the batches through " + asOf
          + " first (yocho ingest or yocho daily)");
    }
    if (!contains(asOf)) {
      throw new IllegalArgumentException(
          "as-of " + asOf + " is outside the data range " + from + " to " + to);
    }
  }
}
