package dev.yocho.scoring.http;

import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import dev.yocho.features.model.Schema;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.explain.MoveExplainer;
import dev.yocho.scoring.explain.MoveExplanation;
import dev.yocho.scoring.refresh.DayGrades;
import dev.yocho.scoring.refresh.GradeRow;
import dev.yocho.scoring.refresh.GradeStore;
import dev.yocho.scoring.refresh.MoveLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's explanations of grade moves, with the same results as {@link MoveLookup} (a test
 * holds them equal) and far less work per request: a firm's facts are read once for both dates
 * ({@link SingleFirmFeatures#history}, from memory when the service holds every firm's facts), its
 * events between the dates come from the same facts, and a refreshed date's grades and stored
 * transitions are read once per date for every firm (a day's table, dropped by the next refresh)
 * instead of three queries per request. Stored transitions are still read by {@link MoveLookup}.
 *
 * <p>Thread-safe.
 */
final class OnDemandMoves {
  private static final String DAY_MOVES = Schema.resource(OnDemandMoves.class, "day_moves.sql");
  /**
   * Grades held at once, over all dates (any more: the table is emptied first): 16 days of the
   * 20,000-firm universe, 4 of a 1.2-million-firm one (some 30 bytes each).
   */
  static final long GRADES_HELD = 5_000_000L;

  private final ModelStore models;
  private final SingleFirmFeatures features;
  private final MoveLookup stored;
  private final Map<LocalDate, Day> days = new ConcurrentHashMap<>();
  /**
   * Explanations computed at once: as many as cores, taken in arrival order, so that 32 waiting
   * requests queue here in turn instead of sharing the cores 32 ways (which stretches them all).
   */
  private final Semaphore computing =
      new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()), true);
  /** Bumped by every refresh: a day read before it is not used after it. */
  private final AtomicLong generation = new AtomicLong();

  OnDemandMoves(ModelStore models, SingleFirmFeatures features) {
    this.models = Objects.requireNonNull(models, "models");
    this.features = Objects.requireNonNull(features, "features");
    this.stored = new MoveLookup(models);
  }

  /** A refresh committed: forget every day read before. */
  void refreshed() {
    generation.incrementAndGet();
    days.clear();
  }

  /**
   * Explains the move of {@code firmId} from {@code from} to {@code to} (both inside the data,
   * {@code from} before {@code to}, the firm known), like {@link MoveLookup#explain}.
   *
   * @param refreshed the refreshed dates (whose grades the explanation uses)
   * @throws ApiException {@code date_not_found} when the firm has no grade on a date and none
   *     can be computed (not live then), naming the problem; anything else is an internal error
   */
  MoveLookup.Result explain(Connection connection, long firmId, LocalDate from, LocalDate to,
      NavigableSet<LocalDate> refreshed) throws SQLException {
    try {
      if (!computing.tryAcquire(10, TimeUnit.SECONDS)) {
        throw new ApiException(ErrorCode.UNAVAILABLE, "the service is busy; try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ErrorCode.UNAVAILABLE, "the service is shutting down");
    }
    try {
      return explainNow(connection, firmId, from, to, refreshed);
    } finally {
      computing.release();
    }
  }

  private MoveLookup.Result explainNow(Connection connection, long firmId, LocalDate from,
      LocalDate to, NavigableSet<LocalDate> refreshed) throws SQLException {
    Day dayTo = refreshed.contains(to) ? day(connection, to) : null;
    int at = dayTo == null ? -1 : dayTo.grades.indexOf(firmId);
    if (at >= 0 && dayTo.previousDay[at] == from.toEpochDay()) {
      try {
        return stored.explain(connection, firmId, from, to); // the refresh of `to` stored it
      } catch (IllegalArgumentException e) {
        // MoveLookup's own message: the firm was not live on a date
        throw new ApiException(ErrorCode.DATE_NOT_FOUND,
            dev.yocho.cli.Cli.oneLine(e.getMessage()));
      }
    }
    Day dayFrom = refreshed.contains(from) ? day(connection, from) : null;
    SingleFirmFeatures.History history = features.history(connection, firmId);
    MoveExplainer.Side a = side(history, from, dayFrom);
    MoveExplainer.Side b = side(history, to, dayTo);
    // the command line's own path from here on (facts and attribution), so both agree
    MoveExplanation explanation = stored.explainComputed(connection, firmId, a, b);
    return new MoveLookup.Result(explanation, false);
  }

  private MoveExplainer.Side side(SingleFirmFeatures.History history, LocalDate date, Day day)
      throws SQLException {
    long firmId = history.firmId();
    FeatureVector x;
    try {
      x = history.at(date);
    } catch (IllegalArgumentException e) {
      // the single-firm path's own message: the firm was not live then
      throw new ApiException(ErrorCode.DATE_NOT_FOUND, dev.yocho.cli.Cli.oneLine("firm "
          + firmId + " has no grade on " + date + " and none can be computed: "
          + e.getMessage()));
    }
    int i = day == null ? -1 : day.grades.indexOf(firmId);
    if (i >= 0) {
      return MoveLookup.gradedSide(models, date, day.grades.row(i), x);
    }
    return MoveLookup.ungradedSide(models, date, x);
  }

  private Day day(Connection connection, LocalDate date) throws SQLException {
    long g = generation.get();
    Day d = days.get(date);
    if (d != null && d.generation == g) {
      return d;
    }
    d = Day.read(connection, date, g);
    long held = d.grades.size();
    for (Day other : days.values()) {
      held += other.grades.size();
    }
    if (held > GRADES_HELD) {
      days.clear();
    }
    days.put(date, d);
    if (generation.get() != g) {
      days.remove(date, d); // a refresh committed meanwhile: this one may be stale
    }
    return d;
  }

  /** One refreshed date's grades, with each stored transition's previous date. */
  private static final class Day {
    static final long NO_TRANSITION = Long.MIN_VALUE;
    final long generation;
    final DayGrades grades;
    /** By position in {@link #grades}: the epoch day the firm's stored move is from, if any. */
    final long[] previousDay;

    private Day(long generation, DayGrades grades) {
      this.generation = generation;
      this.grades = grades;
      this.previousDay = new long[grades.size()];
      Arrays.fill(previousDay, NO_TRANSITION);
    }

    static Day read(Connection connection, LocalDate date, long generation)
        throws SQLException {
      Day d = new Day(generation, GradeStore.gradesOf(connection, date));
      try (PreparedStatement ps = connection.prepareStatement(DAY_MOVES)) {
        ps.setString(1, date.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int i = d.grades.indexOf(rs.getLong(1));
            if (i >= 0) {
              d.previousDay[i] = rs.getLong(2);
            }
          }
        }
      }
      return d;
    }
  }
}
