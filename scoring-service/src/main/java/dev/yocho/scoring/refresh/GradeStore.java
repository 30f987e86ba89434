package dev.yocho.scoring.refresh;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.Tier;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.Schema;
import dev.yocho.scoring.explain.MoveExplanation;
import dev.yocho.scoring.explain.MoveFacts;
import dev.yocho.scoring.explain.ReasonCodes;
import dev.yocho.scoring.explain.ReportedEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Every query of the refresh tables, one SQL resource each, over a caller's connection. Writing a
 * day ({@link #replaceDay}) is one transaction; everything else reads.
 */
public final class GradeStore {
  private static final String SCHEMA = sql("schema.sql");
  private static final String DELETE_DAY = sql("delete_day.sql");
  private static final String PREVIOUS_REFRESH = sql("previous_refresh.sql");
  private static final String GRADES_OF_DAY = sql("grades_of_day.sql");
  private static final String GRADE_KINDS_OF_DAY = sql("grade_kinds_of_day.sql");
  private static final String GRADE_ON = sql("grade_on.sql");
  private static final String STORED_MOVE = sql("stored_move.sql");
  private static final String TRANSITIONS_OF_DAY = sql("transitions_of_day.sql");
  private static final String EVENTS_BETWEEN = sql("events_between.sql");
  private static final String FIRM_EXISTS = sql("firm_exists.sql");
  private static final String HAS_GRADES_TABLE = sql("has_grades_table.sql");
  private static final String NEW_FACTS = sql("new_facts.sql");
  private static final String FACTS_OF_MOVE = sql("facts_of_move.sql");

  private GradeStore() {}

  private static String sql(String name) {
    return Schema.resource(GradeStore.class, name);
  }

  /** Creates the refresh tables when missing (idempotent). */
  /** One row of {@link #transitionsOfDay}. */
  public record DayMove(long firmId, LocalDate previousAsOf, String gradeFrom, String gradeTo,
      int notches, double pdFrom, double pdTo) {}

  /**
   * The moves stored for {@code asOf}, largest first.
   *
   * @param direction -1 upgrades only, 1 downgrades only, 0 both
   */
  public static List<DayMove> transitionsOfDay(
      Connection connection, LocalDate asOf, int direction, int limit) throws SQLException {
    if (direction < -1 || direction > 1) {
      throw new IllegalArgumentException("direction must be -1, 0 or 1, was " + direction);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<DayMove> moves = new ArrayList<>();
    if (!hasSchema(connection)) {
      return moves;
    }
    try (PreparedStatement ps = connection.prepareStatement(TRANSITIONS_OF_DAY)) {
      ps.setObject(1, asOf);
      ps.setInt(2, direction);
      ps.setInt(3, direction);
      ps.setInt(4, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          moves.add(new DayMove(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
              rs.getString(4), rs.getInt(5), rs.getDouble(6), rs.getDouble(7)));
        }
      }
    }
    return moves;
  }

  public static void ensureSchema(Connection connection) throws SQLException {
    Schema.execute(connection, SCHEMA);
  }

  /** Whether the database has the refresh tables (a database never refreshed has not). */
  public static boolean hasSchema(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(HAS_GRADES_TABLE);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /**
   * The grades of the previous refresh (the latest refreshed day strictly before {@code asOf});
   * none if there is none. Every live firm is graded on every refresh, so this is each firm's
   * previous grade. Only that day is read, not every earlier one, so the daily refresh does not
   * slow down as the history grows.
   */
  public static DayGrades previousGrades(Connection connection, LocalDate asOf)
      throws SQLException {
    Optional<LocalDate> previous = previousRefresh(connection, asOf);
    return previous.isPresent() ? gradesOf(connection, previous.get()) : DayGrades.none(asOf);
  }

  /** The latest refreshed day strictly before {@code asOf}, if any. */
  public static Optional<LocalDate> previousRefresh(Connection connection, LocalDate asOf)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(PREVIOUS_REFRESH)) {
      ps.setString(1, asOf.toString());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long day = rs.getLong(1);
        return rs.wasNull() ? Optional.empty() : Optional.of(LocalDate.ofEpochDay(day));
      }
    }
  }

  /** Every grade of the refreshed day {@code day}. */
  public static DayGrades gradesOf(Connection connection, LocalDate day) throws SQLException {
    List<DayGrades.Kind> kinds = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(GRADE_KINDS_OF_DAY)) {
      ps.setString(1, day.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String grade = rs.getString(3);
          kinds.add(new DayGrades.Kind(rs.getString(1), tier(rs.getString(2)), grade,
              GradeRow.gradeNumber(grade)));
        }
      }
    }
    int capacity = 1024;
    long[] firms = new long[capacity];
    double[] pds = new double[capacity];
    int[] kindOf = new int[capacity];
    int[] since = new int[capacity];
    int[] outside = new int[capacity];
    int n = 0;
    try (PreparedStatement ps = connection.prepareStatement(GRADES_OF_DAY)) {
      ps.setString(1, day.toString());
      ps.setString(2, day.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == capacity) {
            capacity = Math.multiplyExact(capacity, 2);
            firms = java.util.Arrays.copyOf(firms, capacity);
            pds = java.util.Arrays.copyOf(pds, capacity);
            kindOf = java.util.Arrays.copyOf(kindOf, capacity);
            since = java.util.Arrays.copyOf(since, capacity);
            outside = java.util.Arrays.copyOf(outside, capacity);
          }
          firms[n] = rs.getLong(1);
          pds[n] = rs.getDouble(2);
          kindOf[n] = rs.getInt(3);
          since[n] = rs.getInt(4);
          if (rs.wasNull()) {
            since[n] = DayGrades.NONE;
          }
          outside[n] = rs.getInt(5);
          if (rs.wasNull()) {
            outside[n] = DayGrades.NONE;
          }
          if (kindOf[n] < 0 || kindOf[n] >= kinds.size()) {
            throw new IllegalStateException("grades of " + day + " changed while read (firm "
                + firms[n] + " has a (model, tier, grade) not among the day's " + kinds.size() + ")");
          }
          n++;
        }
      }
    }
    return new DayGrades(day, java.util.Arrays.copyOf(firms, n), java.util.Arrays.copyOf(pds, n),
        java.util.Arrays.copyOf(kindOf, n), kinds, java.util.Arrays.copyOf(since, n),
        java.util.Arrays.copyOf(outside, n));
  }

  /**
   * The firms with a new fact known in {@code (from, to]} (new_facts.sql: statements, trial
   * balances, events, inquiries, guarantee applications), ids increasing, each with what its facts
   * can do to the risk.
   */
  public static NewFacts firmsWithNewFacts(Connection connection, LocalDate from, LocalDate to)
      throws SQLException {
    long[] firms = new long[1024];
    byte[] kinds = new byte[1024];
    int n = 0;
    try (PreparedStatement ps = connection.prepareStatement(NEW_FACTS)) {
      for (int i = 0; i < 5; i++) {
        ps.setString(2 * i + 1, from.toString());
        ps.setString(2 * i + 2, to.toString());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == firms.length) {
            firms = java.util.Arrays.copyOf(firms, Math.multiplyExact(n, 2));
            kinds = java.util.Arrays.copyOf(kinds, firms.length);
          }
          firms[n] = rs.getLong(1);
          kinds[n] = (byte) ((rs.getBoolean(2) ? NewFacts.RAISES : 0)
              | (rs.getBoolean(3) ? NewFacts.LOWERS : 0));
          n++;
        }
      }
    }
    return new NewFacts(java.util.Arrays.copyOf(firms, n), java.util.Arrays.copyOf(kinds, n));
  }

  /** The firms with new facts between two refreshes, and what those facts can do to the risk. */
  public static final class NewFacts {
    static final byte RAISES = 1;
    static final byte LOWERS = 2;
    private final long[] firms;
    private final byte[] kinds;

    NewFacts(long[] firms, byte[] kinds) {
      this.firms = firms;
      this.kinds = kinds;
    }

    /** No new facts (a first refresh). */
    static NewFacts none() {
      return new NewFacts(new long[0], new byte[0]);
    }

    /** What the firm's new facts can do: {@link GradePolicy.Facts}. */
    public GradePolicy.Facts of(long firmId) {
      int i = java.util.Arrays.binarySearch(firms, firmId);
      if (i < 0) {
        return GradePolicy.Facts.NONE;
      }
      return new GradePolicy.Facts((kinds[i] & RAISES) != 0, (kinds[i] & LOWERS) != 0);
    }
  }

  /** The grade of {@code firmId} on {@code asOf}, if that date was refreshed and graded it. */
  public static Optional<GradeRow> gradeOn(Connection connection, long firmId, LocalDate asOf)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(GRADE_ON)) {
      ps.setLong(1, firmId);
      ps.setString(2, asOf.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new GradeRow(asOf, firmId, rs.getString(1), tier(rs.getString(2)),
            rs.getDouble(3), rs.getString(4)));
      }
    }
  }

  /** Whether the firm is in {@code firms}. */
  public static boolean firmExists(Connection connection, long firmId) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(FIRM_EXISTS)) {
      ps.setLong(1, firmId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  /**
   * Events reported in {@code (from, to]}, of one firm or (null) of every firm, ordered by firm,
   * report date and type.
   */
  public static List<ReportedEvent> eventsBetween(
      Connection connection, LocalDate from, LocalDate to, Long firmId) throws SQLException {
    List<ReportedEvent> events = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(EVENTS_BETWEEN)) {
      ps.setString(1, from.toString());
      ps.setString(2, to.toString());
      if (firmId == null) {
        ps.setNull(3, Types.BIGINT);
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(3, firmId);
        ps.setLong(4, firmId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(new ReportedEvent(rs.getLong(1), EventType.fromCode(rs.getString(2)),
              LocalDate.ofEpochDay(rs.getLong(3)), LocalDate.ofEpochDay(rs.getLong(4))));
        }
      }
    }
    return events;
  }

  /**
   * The facts behind a move of {@code firmId} from {@code from} to {@code to} (facts_of_move.sql);
   * the refresh and both on-demand paths read them here, so that they name the same facts.
   */
  public static MoveFacts factsOfMove(Connection connection, long firmId, LocalDate from,
      LocalDate to) throws SQLException {
    List<ReportedEvent> events = new ArrayList<>();
    List<MoveFacts.Statement> statements = new ArrayList<>();
    List<MoveFacts.TrialBalance> trialBalances = new ArrayList<>();
    List<MoveFacts.Inquiry> inquiries = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(FACTS_OF_MOVE)) {
      ps.setLong(1, firmId);
      ps.setString(2, from.toString());
      ps.setString(3, to.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String kind = rs.getString(1);
          LocalDate d1 = rs.getObject(3, LocalDate.class);
          LocalDate d2 = rs.getObject(4, LocalDate.class);
          switch (kind) {
            case "event" -> events.add(new ReportedEvent(firmId,
                EventType.fromCode(rs.getString(2)), d1, d2));
            case "statement" -> statements.add(new MoveFacts.Statement(d1, d2));
            case "trial_balance" -> trialBalances.add(new MoveFacts.TrialBalance(d1, d2));
            case "inquiry" -> inquiries.add(new MoveFacts.Inquiry(d1,
                dev.yocho.features.model.InquirerIndustry.fromCode(rs.getString(2)),
                rs.getInt(5)));
            default -> throw new IllegalStateException("facts_of_move.sql returned kind " + kind);
          }
        }
      }
    }
    return new MoveFacts(events, statements, trialBalances, inquiries);
  }

  /**
   * The stored explanation of the transition of {@code firmId} at {@code to} from its previous
   * refresh {@code from}, if the refresh of {@code to} wrote one.
   */
  public static Optional<MoveExplanation> storedMove(
      Connection connection, long firmId, LocalDate from, LocalDate to, ReasonCodes codes)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(STORED_MOVE)) {
      ps.setLong(1, firmId);
      ps.setString(2, to.toString());
      ps.setString(3, from.toString());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String catalogueVersion = rs.getString(9);
        if (!catalogueVersion.equals(FeatureCatalogue.current().version())) {
          // stored under another catalogue: its contributions are in another feature order
          return Optional.empty();
        }
        double[] contributions = doubles(rs.getArray(13));
        return Optional.of(new MoveExplanation(firmId, from, to, rs.getString(1),
            rs.getString(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5), rs.getString(6),
            tier(rs.getString(7)), tier(rs.getString(8)), rs.getDouble(10), rs.getDouble(11),
            rs.getDouble(12), contributions, ReasonsJson.read(rs.getString(14), codes)));
      }
    }
  }

  private static double[] doubles(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = ((Number) values[i]).doubleValue();
    }
    return out;
  }

  /**
   * Replaces the day {@code asOf} of {@code grades}, {@code transitions} and {@code explanations}
   * with the given rows, in one transaction: afterwards the day holds exactly these rows, and on
   * any failure (or a crash) it holds what it held before.
   *
   * @param decisions per grade, the policy's decision (raw grade and state), same order
   * @param scale the master scale whose labels the decisions' grade numbers take
   * @param afterDelete called inside the transaction once the old day is deleted (progress
   *     reporting); may be null
   */
  public static void replaceDay(
      Connection connection, LocalDate asOf, List<GradeRow> grades,
      List<GradePolicy.Decision> decisions, dev.yocho.features.bundle.MasterScale scale,
      List<Transition> transitions, List<MoveExplanation> explanations, Runnable afterDelete)
      throws SQLException {
    if (grades.size() != decisions.size()) {
      throw new IllegalArgumentException(grades.size() + " grades but " + decisions.size()
          + " policy decisions");
    }
    if (transitions.size() != explanations.size()) {
      throw new IllegalArgumentException(transitions.size() + " transitions but "
          + explanations.size() + " explanations");
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      String deletes = DELETE_DAY.lines().filter(l -> !l.strip().startsWith("--"))
          .collect(java.util.stream.Collectors.joining("\n"));
      for (String body : deletes.split(";")) {
        if (body.isBlank()) {
          continue;
        }
        try (PreparedStatement ps = connection.prepareStatement(body)) {
          ps.setString(1, asOf.toString());
          ps.executeUpdate();
        }
      }
      if (afterDelete != null) {
        afterDelete.run();
      }
      int day = Math.toIntExact(asOf.toEpochDay());
      try (DuckDBAppender appender = duck.createAppender("main", "grades")) {
        for (int i = 0; i < grades.size(); i++) {
          GradeRow g = grades.get(i);
          GradePolicy.Decision d = decisions.get(i);
          if (!g.asOf().equals(asOf)) {
            throw new IllegalArgumentException("grade of firm " + g.firmId() + " is for "
                + g.asOf() + ", not " + asOf);
          }
          if (!scale.label(d.grade()).equals(g.grade())) {
            throw new IllegalArgumentException("grade of firm " + g.firmId() + " is " + g.grade()
                + " but its policy decision published G" + d.grade());
          }
          appender.beginRow().appendEpochDays(day).append(g.firmId()).append(g.modelVersion())
              .append(g.tier().code()).append(g.pd()).append(g.grade())
              .append(scale.label(d.rawGrade()))
              .appendEpochDays(Math.toIntExact(d.gradeSince().toEpochDay()));
          if (d.outsideSince() == null) {
            appender.appendNull();
          } else {
            appender.appendEpochDays(Math.toIntExact(d.outsideSince().toEpochDay()));
          }
          appender.endRow();
        }
      }
      String catalogueVersion = FeatureCatalogue.current().version();
      try (DuckDBAppender ta = duck.createAppender("main", "transitions");
          DuckDBAppender ea = duck.createAppender("main", "explanations")) {
        for (int i = 0; i < transitions.size(); i++) {
          Transition t = transitions.get(i);
          MoveExplanation e = explanations.get(i);
          if (e.firmId() != t.firmId() || !e.to().equals(asOf)
              || !e.from().equals(t.previousAsOf())) {
            throw new IllegalArgumentException("explanation " + e + " does not match transition "
                + t);
          }
          int previous = Math.toIntExact(t.previousAsOf().toEpochDay());
          ta.beginRow().appendEpochDays(day).append(t.firmId()).appendEpochDays(previous)
              .append(t.from().grade()).append(t.to().grade()).append(t.notches())
              .append(t.from().pd()).append(t.to().pd()).append(t.from().modelVersion())
              .append(t.to().modelVersion()).append(t.from().tier().code())
              .append(t.to().tier().code()).append(t.basis().code());
          if (e.reasons().isEmpty()) {
            ta.appendNull();
          } else {
            ta.append(e.reasons().get(0).cause().code());
          }
          ta.endRow();
          ea.beginRow().appendEpochDays(day).append(t.firmId()).appendEpochDays(previous)
              .append(catalogueVersion).append(e.logitFrom()).append(e.logitTo())
              .append(e.modelEffect()).append(e.contributions())
              .append(ReasonsJson.write(e.reasons())).endRow();
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  static Tier tier(String code) {
    return Tier.valueOf(code.toUpperCase(Locale.ROOT));
  }
}
