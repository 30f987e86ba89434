package dev.yocho.scoring.refresh;

import dev.yocho.features.model.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How stable the published grades are, as of a refreshed date, over the refreshes of a window up
 * to it ({@code (asOf - days, asOf]}: the year, and the last 30 days), beside what the raw grades
 * (the PD's own grade, no policy) did over the same refreshes:
 *
 * <ul>
 *   <li><b>moves per firm-year</b>: moves over firm-years, a firm-year being each refresh's graded
 *       firms times the days since the refresh before it, over 365;
 *   <li><b>share reversed within 30 days</b>: moves followed by a move of the same firm the other
 *       way within 30 days (up to {@code asOf}: a move of the last 30 days counts as reversed only
 *       if it already was);
 *   <li><b>share whose top reason is a window edge</b> (a fact leaving a look-back window, a score
 *       decaying, a statement ageing) rather than a new fact;
 *   <li>the day-over-day <b>migration matrix</b> of {@code asOf} against the refresh before it.
 * </ul>
 *
 * <p>Read-only; one SQL resource per figure.
 */
public final class Stability {
  private static final String EXPOSURE = sql("stability_exposure.sql");
  private static final String MOVES = sql("stability_moves.sql");
  private static final String RAW = sql("stability_raw.sql");
  private static final String MIGRATION = sql("migration.sql");
  private static final String DISTRIBUTION = sql("grade_distribution.sql");

  /** Days of refreshes the main figures cover. */
  public static final int WINDOW_DAYS = 365;
  /** Days of the short window (the last 30 daily refreshes of a daily cadence). */
  public static final int SHORT_WINDOW_DAYS = 30;
  /** A move undone within this many days is a reversal. */
  public static final int REVERSAL_DAYS = 30;

  private Stability() {}

  private static String sql(String name) {
    return Schema.resource(Stability.class, name);
  }

  /**
   * Move counts of one kind of grade.
   *
   * @param moves moves in the window
   * @param twoOrMore moves of two or more notches
   * @param reversedWithin30Days moves reversed within 30 days
   * @param perFirmYear moves over the window's firm-years (0 when there are none)
   * @param reversedShare {@code reversedWithin30Days / moves} (0 without moves)
   */
  public record Moves(long moves, long twoOrMore, long reversedWithin30Days, double perFirmYear,
      double reversedShare) {
    static Moves of(long moves, long twoOrMore, long reversed, double firmYears) {
      return new Moves(moves, twoOrMore, reversed, firmYears > 0 ? moves / firmYears : 0,
          moves > 0 ? (double) reversed / moves : 0);
    }
  }

  /**
   * The figures as of {@code asOf}.
   *
   * @param from the window's exclusive start ({@code asOf - 365})
   * @param refreshes refreshes in the window that had one before them
   * @param firmYears the window's firm-years
   * @param published the published grades' moves
   * @param raw the raw grades' moves (no policy) over the same refreshes
   * @param downgrades published downgrades in the window
   * @param onNewFact published moves on a new fact
   * @param sustained published moves after a sustained shift
   * @param topReasonWindowEdge published moves whose top reason is a window edge
   * @param windowEdgeShare {@code topReasonWindowEdge / published.moves} (0 without moves)
   * @param previousRefresh the refresh before {@code asOf}, if any
   * @param migration firms by grade at the previous refresh, then grade at {@code asOf} (G1 …
   *     Gn, every grade of the scale, zeros included); empty without a previous refresh
   */
  public record Figures(LocalDate asOf, LocalDate from, long refreshes, double firmYears,
      Moves published, Moves raw, long downgrades, long onNewFact, long sustained,
      long topReasonWindowEdge, double windowEdgeShare, Optional<LocalDate> previousRefresh,
      SortedMap<String, SortedMap<String, Long>> migration) {
    public Figures {
      Objects.requireNonNull(asOf, "asOf");
      Objects.requireNonNull(published, "published");
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(previousRefresh, "previousRefresh");
      migration = Collections.unmodifiableSortedMap(new TreeMap<>(migration));
    }

    /** The JSON form (snake_case keys), shared by {@code refresh --json} and the API. */
    public Map<String, Object> toJson() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("window_days", asOf.toEpochDay() - from.toEpochDay());
      out.put("window_from_exclusive", from.toString());
      out.put("window_to", asOf.toString());
      out.put("refreshes", refreshes);
      out.put("firm_years", firmYears);
      out.put("moves", published.moves());
      out.put("downgrades", downgrades);
      out.put("upgrades", published.moves() - downgrades);
      out.put("moves_of_two_or_more", published.twoOrMore());
      out.put("moves_per_firm_year", published.perFirmYear());
      out.put("moves_reversed_within_30_days", published.reversedWithin30Days());
      out.put("share_reversed_within_30_days", published.reversedShare());
      out.put("moves_on_new_fact", onNewFact);
      out.put("moves_after_sustained_shift", sustained);
      out.put("moves_top_reason_window_edge", topReasonWindowEdge);
      out.put("share_top_reason_window_edge", windowEdgeShare);
      Map<String, Object> rawJson = new LinkedHashMap<>();
      rawJson.put("moves", raw.moves());
      rawJson.put("moves_of_two_or_more", raw.twoOrMore());
      rawJson.put("moves_per_firm_year", raw.perFirmYear());
      rawJson.put("moves_reversed_within_30_days", raw.reversedWithin30Days());
      rawJson.put("share_reversed_within_30_days", raw.reversedShare());
      out.put("without_policy", rawJson);
      out.put("migration_from", previousRefresh.map(LocalDate::toString).orElse(null));
      out.put("migration", migration);
      return out;
    }
  }

  /** The figures of the year up to the refreshed date {@code asOf}. */
  public static Figures of(Connection connection, LocalDate asOf, int gradeCount)
      throws SQLException {
    return of(connection, asOf, gradeCount, WINDOW_DAYS);
  }

  /**
   * The figures of the refreshes in {@code (asOf - days, asOf]}.
   *
   * @param gradeCount the master scale's grades (the migration matrix's rows and columns)
   */
  public static Figures of(Connection connection, LocalDate asOf, int gradeCount, int days)
      throws SQLException {
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("a stability window is 1 to 3660 days, was " + days);
    }
    LocalDate from = asOf.minusDays(days);
    double firmYears;
    long refreshes;
    try (PreparedStatement ps = connection.prepareStatement(EXPOSURE)) {
      ps.setString(1, asOf.toString());
      ps.setString(2, from.toString());
      ps.setString(3, asOf.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        firmYears = rs.getDouble(1);
        refreshes = rs.getLong(2);
      }
    }
    long moves;
    long downgrades;
    long twoOrMore;
    long onNewFact;
    long sustained;
    long windowEdge;
    long reversed;
    try (PreparedStatement ps = connection.prepareStatement(MOVES)) {
      ps.setString(1, from.toString());
      ps.setString(2, asOf.toString());
      ps.setString(3, asOf.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        moves = rs.getLong(1);
        downgrades = rs.getLong(2);
        twoOrMore = rs.getLong(3);
        onNewFact = rs.getLong(4);
        sustained = rs.getLong(5);
        windowEdge = rs.getLong(6);
        reversed = rs.getLong(7);
      }
    }
    Moves raw;
    try (PreparedStatement ps = connection.prepareStatement(RAW)) {
      ps.setString(1, from.toString());
      ps.setString(2, asOf.toString());
      ps.setString(3, from.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        raw = Moves.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), firmYears);
      }
    }
    Optional<LocalDate> previous = GradeStore.previousRefresh(connection, asOf);
    SortedMap<String, SortedMap<String, Long>> migration = new TreeMap<>(RefreshResult::compareGrades);
    if (previous.isPresent()) {
      for (int a = 1; a <= gradeCount; a++) {
        SortedMap<String, Long> row = new TreeMap<>(RefreshResult::compareGrades);
        for (int b = 1; b <= gradeCount; b++) {
          row.put("G" + b, 0L);
        }
        migration.put("G" + a, row);
      }
      try (PreparedStatement ps = connection.prepareStatement(MIGRATION)) {
        ps.setString(1, previous.get().toString());
        ps.setString(2, asOf.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            SortedMap<String, Long> row = migration.get(rs.getString(1));
            if (row == null || !row.containsKey(rs.getString(2))) {
              throw new IllegalStateException("grade outside the scale's " + gradeCount
                  + " grades: " + rs.getString(1) + " → " + rs.getString(2));
            }
            row.put(rs.getString(2), rs.getLong(3));
          }
        }
      }
    }
    return new Figures(asOf, from, refreshes, firmYears,
        Moves.of(moves, twoOrMore, reversed, firmYears), raw, downgrades, onNewFact, sustained,
        windowEdge, moves > 0 ? (double) windowEdge / moves : 0, previous, migration);
  }

  /**
   * Firms per published grade and per raw grade on the refreshed date {@code asOf}, G1 … Gn with
   * zeros.
   */
  public record Distribution(SortedMap<String, Long> published, SortedMap<String, Long> raw) {
    public long firms() {
      return published.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public static Distribution distribution(Connection connection, LocalDate asOf, int gradeCount)
      throws SQLException {
    SortedMap<String, Long> published = new TreeMap<>(RefreshResult::compareGrades);
    SortedMap<String, Long> raw = new TreeMap<>(RefreshResult::compareGrades);
    for (int g = 1; g <= gradeCount; g++) {
      published.put("G" + g, 0L);
      raw.put("G" + g, 0L);
    }
    try (PreparedStatement ps = connection.prepareStatement(DISTRIBUTION)) {
      ps.setString(1, asOf.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          published.merge(rs.getString(1), rs.getLong(3), Long::sum);
          raw.merge(rs.getString(2), rs.getLong(3), Long::sum);
        }
      }
    }
    return new Distribution(Collections.unmodifiableSortedMap(published),
        Collections.unmodifiableSortedMap(raw));
  }
}
