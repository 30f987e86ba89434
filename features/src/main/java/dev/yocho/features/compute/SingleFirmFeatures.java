package dev.yocho.features.compute;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import dev.yocho.features.model.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single-firm path: one firm's features as of one date, computed in Java from all of the
 * firm's facts (six small queries, {@code firm*.sql}, each filtering on {@code firm_id} only) under
 * the point-in-time rule of this package, which is applied here in Java. It serves explanations,
 * so it must agree with {@link BatchFeatures}; a contract test holds both to a naive reference
 * within 1e-9.
 *
 * <p>An instance caches, per as-of date, the industry default rates (an aggregate over every firm),
 * every firm's first default and closure, the database's {@link DataWindow}, and prepared
 * statements per connection: use one long-lived instance per database whose data do not change
 * while it lives. {@link #history} reads a firm's facts once for features at several dates (an
 * explanation's two); {@link #preload} holds every firm's facts in memory so that no per-firm
 * query runs at all (the HTTP service, on databases small enough). Instances are thread-safe; calls on the same connection are serialised. Latency depends on DuckDB finding one
 * firm's rows quickly, i.e. on fact tables written in {@code firm_id} order (zone maps).
 */
public final class SingleFirmFeatures {
  // one source per relation: every firm's rows, and one firm's by a WHERE DuckDB pushes into scans
  private static final String FIRM_ALL = sql("firm_all.sql");
  private static final String FIRM = FIRM_ALL + "\nWHERE firm_id = ?";
  private static final String FACT_ROWS_ALL = sql("firm_facts_all.sql");
  private static final String FACTS_ALL = FACT_ROWS_ALL + "\nORDER BY firm_id, kind, r";
  private static final String FACTS = FACT_ROWS_ALL + "\nWHERE firm_id = ? ORDER BY kind, r";
  private static final String FACT_ROWS = sql("firm_fact_rows.sql");
  private static final String FIRST_EXITS = sql("first_exits.sql");
  private static final String INDUSTRY_RATE =
      "WITH yocho_cal AS (SELECT CAST(? AS DATE) AS as_of) SELECT industry, rate FROM (\n"
          + Schema.resource(SingleFirmFeatures.class, "industry_default_rate.sql") + "\n)";
  private static final int RATE_CACHE_DATES = 256;

  private final FeatureCatalogue catalogue = FeatureCatalogue.current();
  private final Map<LocalDate, Map<String, Double>> industryRates =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, Map<String, Double>> eldest) {
          return size() > RATE_CACHE_DATES;
        }
      };
  private volatile DataWindow window;
  /** The latest dates' industry rates, read without a lock (a copy of the newest entries). */
  private volatile Map<LocalDate, Map<String, Double>> recentRates = Map.of();

  // firm id -> {first default, first closure}; defaults and closures are small, per-firm scans not
  private Map<Long, LocalDate[]> exits;
  // Prepared statements per connection: preparing costs as much as running these tiny queries.
  private final Map<Connection, Queries> queries = new IdentityHashMap<>();
  /** Every firm's facts, when {@link #preload} held them in memory; else null. */
  private volatile Map<Long, FirmFacts> preloaded;

  /**
   * The features of {@code firmId} as of {@code asOf}. An unknown firm, a firm not live at {@code
   * asOf}, or a date outside the data range is the caller's fault ({@link
   * IllegalArgumentException} naming the problem).
   */
  public FeatureVector compute(Connection connection, long firmId, LocalDate asOf)
      throws SQLException {
    dataWindow(connection, queries(connection)).require(asOf); // the date's fault before the firm's
    return history(connection, firmId).at(asOf);
  }

  /**
   * Everything known about {@code firmId} at any date, read once (or taken from memory after
   * {@link #preload}), from which its features at several dates are computed, each under the
   * point-in-time rule exactly as {@link #compute} does. Use the result at once, on the thread and
   * connection that asked for it.
   *
   * @throws IllegalArgumentException for an unknown firm
   */
  public History history(Connection connection, long firmId) throws SQLException {
    Map<Long, FirmFacts> all = preloaded;
    if (all != null) { // no statement, no lock (the connection's only if a cache misses)
      FirmFacts facts = all.get(firmId);
      if (facts == null) {
        throw new IllegalArgumentException("unknown firm " + firmId);
      }
      return new History(connection, null, facts);
    }
    Queries q = queries(connection);
    FirmFacts facts = q.load(firmId);
    LocalDate[] exit = exits(connection, q).get(firmId);
    if (exit != null) {
      facts.firstDefault = exit[0];
      facts.firstClosure = exit[1];
    }
    return new History(connection, q, facts);
  }

  /**
   * Reads every firm's facts into memory, so that {@link #compute} and {@link #history} run no
   * per-firm query, if the fact tables hold at most {@code maxRows} rows (about 40 bytes of heap
   * each); returns whether it did. Only for a database whose facts do not change while this
   * instance lives (as every cache here assumes).
   */
  public boolean preload(Connection connection, long maxRows) throws SQLException {
    Queries q = queries(connection);
    Map<Long, LocalDate[]> exitsByFirm = exits(connection, q);
    synchronized (q) { // one statement at a time on a connection
      try (PreparedStatement ps = connection.prepareStatement(FACT_ROWS);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > maxRows) {
          return false;
        }
      }
      Interner interner = new Interner();
      Map<Long, FirmFacts> all = new HashMap<>();
      try (PreparedStatement ps = connection.prepareStatement(FIRM_ALL);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          FirmFacts f = new FirmFacts(rs.getLong(1));
          f.setFirm(rs, interner);
          LocalDate[] exit = exitsByFirm.get(f.firmId);
          if (exit != null) {
            f.firstDefault = exit[0];
            f.firstClosure = exit[1];
          }
          all.put(f.firmId, f);
        }
      }
      try (PreparedStatement ps = connection.prepareStatement(FACTS_ALL);
          ResultSet rs = ps.executeQuery()) {
        FirmFacts current = null;
        while (rs.next()) {
          long firmId = rs.getLong(1);
          if (current == null || current.firmId != firmId) {
            current = all.get(firmId);
            if (current == null) { // a fact of a firm not in firms: never asked for
              continue;
            }
          }
          current.add(rs, interner);
        }
      }
      for (FirmFacts f : all.values()) {
        f.trim();
      }
      preloaded = all;
      return true;
    }
  }

  /** One firm's facts at every date; see {@link SingleFirmFeatures#history}. */
  public final class History {
    private final Connection connection;
    private Queries queries; // the connection's statements, looked up when first needed
    private final FirmFacts facts;

    private History(Connection connection, Queries queries, FirmFacts facts) {
      this.connection = connection;
      this.queries = queries;
      this.facts = facts;
    }

    public long firmId() {
      return facts.firmId;
    }

    /**
     * The features as of {@code asOf}, equal to {@link SingleFirmFeatures#compute} for the same
     * firm and date: the same {@link IllegalArgumentException} for a date outside the data range
     * or a firm not live then.
     */
    public FeatureVector at(LocalDate asOf) throws SQLException {
      DataWindow w = window;
      (w != null ? w : dataWindow(connection, queries())).require(asOf);
      facts.requireLive(asOf);
      Map<String, Double> rates = recentRates.get(asOf);
      if (rates == null) {
        rates = industryRates(connection, queries(), asOf);
      }
      return facts.features(asOf, rates.getOrDefault(facts.industry, Double.NaN), catalogue);
    }

    private Queries queries() throws SQLException {
      if (queries == null) {
        queries = SingleFirmFeatures.this.queries(connection);
      }
      return queries;
    }

    /**
     * The firm's events reported in {@code (after, through]}, ordered by report date, type and
     * occurrence date.
     */
    public List<Event> eventsReported(LocalDate after, LocalDate through) {
      List<Event> out = new ArrayList<>();
      for (EventRow e : facts.events) {
        if (e.reportedOn().isAfter(after) && !e.reportedOn().isAfter(through)) {
          out.add(new Event(e.type(), e.occurredOn(), e.reportedOn()));
        }
      }
      out.sort(java.util.Comparator.comparing(Event::reportedOn).thenComparing(Event::type)
          .thenComparing(Event::occurredOn));
      return out;
    }
  }

  /** An event of one firm: its type code, when it happened and when it was reported. */
  public record Event(String type, LocalDate occurredOn, LocalDate reportedOn) {}

  /** Shares equal dates and strings among the rows held in memory. */
  private static final class Interner {
    private final Map<LocalDate, LocalDate> dates = new HashMap<>();
    private final Map<Long, LocalDate> days = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();

    LocalDate date(ResultSet rs, int column) throws SQLException {
      LocalDate d = rs.getObject(column, LocalDate.class);
      return d == null ? null : dates.computeIfAbsent(d, k -> k);
    }

    LocalDate day(long epochDay) {
      return days.computeIfAbsent(epochDay, LocalDate::ofEpochDay);
    }

    String string(String s) {
      return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }
  }

  private DataWindow dataWindow(Connection connection, Queries lock) throws SQLException {
    DataWindow known = window; // read once, then only read: no lock on the hot path
    if (known != null) {
      return known;
    }
    synchronized (lock) { // one statement at a time on a connection
      synchronized (this) {
        if (window == null) {
          window = DataWindow.read(connection);
        }
        return window;
      }
    }
  }

  private Map<Long, LocalDate[]> exits(Connection connection, Queries lock) throws SQLException {
    synchronized (lock) { // one statement at a time on a connection
      synchronized (this) {
        if (exits == null) {
          Map<Long, LocalDate[]> loaded = new HashMap<>();
          try (PreparedStatement ps = connection.prepareStatement(FIRST_EXITS);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              LocalDate[] e = loaded.computeIfAbsent(rs.getLong(1), k -> new LocalDate[2]);
              LocalDate firstDefault = date(rs, 2);
              LocalDate firstClosure = date(rs, 3);
              if (firstDefault != null) {
                e[0] = firstDefault;
              }
              if (firstClosure != null) {
                e[1] = firstClosure;
              }
            }
          }
          exits = loaded;
        }
        return exits;
      }
    }
  }

  private Map<String, Double> industryRates(Connection connection, Queries lock, LocalDate asOf)
      throws SQLException {
    Map<String, Double> recent = recentRates.get(asOf);
    if (recent != null) {
      return recent;
    }
    synchronized (industryRates) {
      Map<String, Double> cached = industryRates.get(asOf);
      if (cached != null) {
        remember(asOf, cached);
        return cached;
      }
    }
    Map<String, Double> rates = new HashMap<>();
    synchronized (lock) { // one statement at a time on a connection
      try (PreparedStatement ps = connection.prepareStatement(INDUSTRY_RATE)) {
        ps.setObject(1, asOf);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rates.put(rs.getString(1), rs.getDouble(2));
          }
        }
      }
    }
    Map<String, Double> immutable = Map.copyOf(rates);
    synchronized (industryRates) {
      industryRates.put(asOf, immutable);
      remember(asOf, immutable);
    }
    return immutable;
  }

  /** Adds a date's rates to the lock-free copy (at most 16 dates; older ones stay in the LRU). */
  private void remember(LocalDate asOf, Map<String, Double> rates) {
    synchronized (industryRates) {
      Map<LocalDate, Map<String, Double>> next = new HashMap<>(recentRates.size() >= 16
          ? Map.of() : recentRates);
      next.put(asOf, rates);
      recentRates = Map.copyOf(next);
    }
  }

  private static String sql(String name) {
    return Schema.resource(SingleFirmFeatures.class, name);
  }

  private Queries queries(Connection connection) throws SQLException {
    synchronized (queries) {
      Queries q = queries.get(connection);
      if (q == null || q.firm.isClosed()) {
        queries.keySet().removeIf(c -> {
          try {
            return c.isClosed();
          } catch (SQLException e) {
            return true;
          }
        });
        q = new Queries(connection);
        queries.put(connection, q);
      }
      return q;
    }
  }

  /** The per-firm queries of one connection; used by one thread at a time. */
  private static final class Queries {
    final PreparedStatement firm;
    final PreparedStatement facts;

    Queries(Connection connection) throws SQLException {
      firm = connection.prepareStatement(FIRM);
      facts = connection.prepareStatement(FACTS);
    }

    synchronized FirmFacts load(long firmId) throws SQLException {
      FirmFacts result = new FirmFacts(firmId);
      firm.setLong(1, firmId);
      try (ResultSet rs = firm.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("unknown firm " + firmId);
        }
        result.setFirm(rs, null);
      }
      facts.setLong(1, firmId);
      try (ResultSet rs = facts.executeQuery()) {
        while (rs.next()) {
          result.add(rs, null);
        }
      }
      return result;
    }
  }

  private static final int STATEMENT_NUMBERS = 15;

  /** A statement version; the numbers follow the column order of firm_facts_all.sql. */
  private record StatementRow(LocalDate periodEnd, LocalDate availableAt, double[] v) {
    double sales() { return v[0]; }
    double costOfSales() { return v[1]; }
    double operatingIncome() { return v[2]; }
    double nonOperatingExpense() { return v[3]; }
    double interestExpense() { return v[4]; }
    double ordinaryIncome() { return v[5]; }
    double depreciation() { return v[6]; }
    double cash() { return v[7]; }
    double receivables() { return v[8]; }
    double inventory() { return v[9]; }
    double totalAssets() { return v[10]; }
    double payables() { return v[11]; }
    double shortTermDebt() { return v[12]; }
    double longTermDebt() { return v[13]; }
    double netAssets() { return v[14]; }
  }

  /** Σ operating income / Σ sales over the visible months in [from, to]; NaN if sales ≤ 0. */
  private static double margin(Map<Integer, TrialRow> months, int from, int to) {
    double income = 0;
    double sales = 0;
    for (int m = from; m <= to; m++) {
      TrialRow t = months.get(m);
      if (t != null) {
        income += t.operatingIncome();
        sales += t.sales();
      }
    }
    return sales > 0 ? income / sales : NaN;
  }

  private record TrialRow(
      LocalDate month, LocalDate availableAt, double sales, double operatingIncome) {}

  private record Dated(LocalDate day, String label, double value) {}

  private record EventRow(LocalDate reportedOn, LocalDate occurredOn, String type,
      double polarity) {}

  private static LocalDate date(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, LocalDate.class);
  }

  /** Everything known about one firm, at every date. */
  private static final class FirmFacts {
    final long firmId;
    LocalDate foundedOn;
    String industry;
    double[] firm;
    LocalDate firstDefault;
    LocalDate firstClosure;
    final ArrayList<StatementRow> statements = new ArrayList<>();
    final ArrayList<TrialRow> trialBalances = new ArrayList<>();
    final ArrayList<Dated> inquiries = new ArrayList<>();
    final ArrayList<EventRow> events = new ArrayList<>();
    final ArrayList<LocalDate> applications = new ArrayList<>();

    FirmFacts(long firmId) {
      this.firmId = firmId;
    }

    /**
     * Sets the firm's own columns from a row of firm_all.sql; the date and industry shared through
     * {@code interner} if any.
     */
    void setFirm(ResultSet rs, Interner interner) throws SQLException {
      foundedOn = interner == null ? date(rs, 2) : interner.date(rs, 2);
      industry = interner == null ? rs.getString(3) : interner.string(rs.getString(3));
      firm = new double[] {rs.getInt(4), rs.getLong(5), rs.getLong(6), rs.getDouble(7),
          rs.getBoolean(8) ? 1.0 : 0.0, rs.getBoolean(9) ? 1.0 : 0.0,
          rs.getBoolean(10) ? 1.0 : 0.0};
    }

    /**
     * Adds one row of firm_facts_all.sql (its columns after firm_id); dates and labels shared
     * through {@code interner} if any.
     */
    void add(ResultSet rs, Interner interner) throws SQLException {
      int o = 1; // after firm_id
      LocalDate d1 = day(rs, o + 2, interner);
      switch (rs.getInt(o + 1)) {
        case 1 -> {
          double[] v = new double[STATEMENT_NUMBERS];
          for (int i = 0; i < v.length; i++) {
            v[i] = rs.getDouble(o + 6 + i);
          }
          statements.add(new StatementRow(d1, d2(rs, o, interner), v));
        }
        case 2 -> trialBalances.add(new TrialRow(d1, d2(rs, o, interner), rs.getDouble(o + 6),
            rs.getDouble(o + 8)));
        case 3 -> inquiries.add(new Dated(d1, label(rs, o, interner), rs.getInt(o + 5)));
        case 4 -> events.add(new EventRow(d1, d2(rs, o, interner), label(rs, o, interner),
            rs.getInt(o + 5)));
        case 5 -> applications.add(d1);
        default -> throw new IllegalStateException("unknown fact kind " + rs.getInt(o + 1));
      }
    }

    private static LocalDate d2(ResultSet rs, int o, Interner interner) throws SQLException {
      return day(rs, o + 3, interner);
    }

    /** A column of days since 1970-01-01 as a date (null for NULL). */
    private static LocalDate day(ResultSet rs, int column, Interner interner)
        throws SQLException {
      long d = rs.getLong(column);
      if (rs.wasNull()) {
        return null;
      }
      return interner == null ? LocalDate.ofEpochDay(d) : interner.day(d);
    }

    private static String label(ResultSet rs, int o, Interner interner) throws SQLException {
      String s = rs.getString(o + 4);
      return interner == null ? s : interner.string(s);
    }

    void trim() {
      statements.trimToSize();
      trialBalances.trimToSize();
      inquiries.trimToSize();
      events.trimToSize();
      applications.trimToSize();
    }

    void requireLive(LocalDate asOf) {
      if (foundedOn.isAfter(asOf)) {
        throw new IllegalArgumentException(
            "firm " + firmId + " is not live on " + asOf + ": founded on " + foundedOn);
      }
      if (firstDefault != null && !firstDefault.isAfter(asOf)) {
        throw new IllegalArgumentException(
            "firm " + firmId + " is not live on " + asOf + ": defaulted on " + firstDefault);
      }
      if (firstClosure != null && !firstClosure.isAfter(asOf)) {
        throw new IllegalArgumentException(
            "firm " + firmId + " is not live on " + asOf + ": closed on " + firstClosure);
      }
    }

    FeatureVector features(LocalDate asOf, double industryRate, FeatureCatalogue catalogue) {
      double[] out = new double[catalogue.size()];
      Arrays.fill(out, Double.NaN);
      Writer w = new Writer(out, catalogue);
      long day = asOf.toEpochDay();
      double employees = firm[0];

      // statements: latest visible version of each visible period; S latest, P the one before
      Map<LocalDate, StatementRow> periods = new HashMap<>();
      for (StatementRow s : statements) {
        if (!s.periodEnd().isAfter(asOf) && !s.availableAt().isAfter(asOf)) {
          periods.merge(s.periodEnd(), s,
              (a, b) -> b.availableAt().isAfter(a.availableAt()) ? b : a);
        }
      }
      StatementRow s = null;
      StatementRow p = null;
      for (StatementRow r : periods.values()) {
        if (s == null || r.periodEnd().isAfter(s.periodEnd())) {
          p = s;
          s = r;
        } else if (p == null || r.periodEnd().isAfter(p.periodEnd())) {
          p = r;
        }
      }
      if (s != null) {
        double sales = s.sales();
        double cos = s.costOfSales();
        double assets = s.totalAssets();
        double debt = s.shortTermDebt() + s.longTermDebt();
        w.set("ordinary_profit_to_total_capital", assets > 0 ? s.ordinaryIncome() / assets : NaN);
        w.set("interest_burden_to_sales", sales > 0 ? s.interestExpense() / sales : NaN);
        w.set("non_operating_expense_to_sales", sales > 0 ? s.nonOperatingExpense() / sales : NaN);
        w.set("cash_days_on_hand", sales > 0 ? s.cash() / (sales / 365.0) : NaN);
        w.set("payables_turnover_months", cos > 0 ? s.payables() / (cos / 12.0) : NaN);
        w.set("inventory_turnover_months", cos > 0 ? s.inventory() / (cos / 12.0) : NaN);
        long gap = p == null ? -1 : s.periodEnd().toEpochDay() - p.periodEnd().toEpochDay();
        w.set("sales_growth",
            p != null && p.sales() > 0 && gap >= 300 && gap <= 430 ? sales / p.sales() - 1.0 : NaN);
        w.set("operating_margin", sales > 0 ? s.operatingIncome() / sales : NaN);
        boolean priorYear = p != null && gap >= 300 && gap <= 430;
        w.set("operating_margin_two_periods", priorYear && sales > 0 && p.sales() > 0
            ? (s.operatingIncome() / sales + p.operatingIncome() / p.sales()) / 2 : NaN);
        w.set("equity_ratio_change", priorYear && assets > 0 && p.totalAssets() > 0
            ? s.netAssets() / assets - p.netAssets() / p.totalAssets() : NaN);
        w.set("labour_productivity", employees > 0 ? s.operatingIncome() / employees : NaN);
        double ebitda = s.operatingIncome() + s.depreciation();
        double netDebt = s.shortTermDebt() + s.longTermDebt() - s.cash();
        w.set("ebitda_net_debt_multiple",
            ebitda > 0 ? netDebt / ebitda : netDebt > 0 ? Double.POSITIVE_INFINITY : NaN);
        w.set("working_capital_turnover_months",
            sales > 0 ? (s.receivables() + s.inventory() - s.payables()) / (sales / 12.0) : NaN);
        w.set("equity_ratio", assets > 0 ? s.netAssets() / assets : NaN);
        w.set("debt_to_monthly_sales", sales > 0 ? debt / (sales / 12.0) : NaN);
        w.set("insolvent", s.netAssets() < 0 ? 1.0 : 0.0);
        w.set("statement_age_days", day - s.availableAt().toEpochDay());
        w.set("statement_period_age_days", day - s.periodEnd().toEpochDay());
      }

      // trial balances: latest visible version per month; T the latest month, Y a year before
      Map<Integer, TrialRow> months = new HashMap<>();
      for (TrialRow t : trialBalances) {
        if (!t.availableAt().isAfter(asOf)) {
          months.merge(monthIndex(t.month()), t,
              (a, b) -> b.availableAt().isAfter(a.availableAt()) ? b : a);
        }
      }
      w.set("has_trial_balance", months.isEmpty() ? 0.0 : 1.0);
      if (!months.isEmpty()) {
        int latest = months.keySet().stream().mapToInt(Integer::intValue).max().getAsInt();
        TrialRow yearAgo = months.get(latest - 12);
        w.set("monthly_sales_change_yoy", yearAgo != null && yearAgo.sales() > 0
            ? months.get(latest).sales() / yearAgo.sales() - 1.0 : NaN);
        double now = margin(months, latest - 2, latest);
        double before = margin(months, latest - 14, latest - 12);
        w.set("monthly_operating_margin_3m", now);
        w.set("monthly_operating_margin_change_yoy", now - before);
      }

      // inquiries by inquirer industry over (D-w, D]
      for (InquirerIndustry who : InquirerIndustry.values()) {
        long c30 = 0;
        long c90 = 0;
        long c365 = 0;
        for (Dated q : inquiries) {
          long age = day - q.day().toEpochDay();
          if (age >= 0 && age < 365 && who.code().equals(q.label())) {
            long n = (long) q.value();
            c365 += n;
            if (age < 90) {
              c90 += n;
            }
            if (age < 30) {
              c30 += n;
            }
          }
        }
        String prefix = "inquiries_" + who.code();
        w.set(prefix + "_30d", c30);
        w.set(prefix + "_90d", c90);
        w.set(prefix + "_365d", c365);
        long baseline = c365 - c90;
        w.set(prefix + "_ratio_30d", (c30 + 1.0) / (baseline * 30.0 / 275.0 + 1.0));
        w.set(prefix + "_ratio_90d", (c90 + 1.0) / (baseline * 90.0 / 275.0 + 1.0));
      }

      // events: visible iff reported_on <= D
      int adverse30 = 0;
      int adverse90 = 0;
      int adverse365 = 0;
      int positive365 = 0;
      double adverseScore = 0.0;
      Map<String, Integer> perType = new HashMap<>();
      Map<String, Long> lastOfType = new HashMap<>();
      for (EventRow e : events) {
        long age = day - e.reportedOn().toEpochDay();
        if (age < 0) {
          continue;
        }
        if (age < 365) {
          perType.merge(e.type(), 1, Integer::sum);
          lastOfType.merge(e.type(), age, Math::min);
        }
        if (e.polarity() < 0) {
          adverse30 += age < 30 ? 1 : 0;
          adverse90 += age < 90 ? 1 : 0;
          adverse365 += age < 365 ? 1 : 0;
          adverseScore += Math.pow(0.5, age / FeatureCatalogue.ADVERSE_HALF_LIFE_DAYS);
        } else if (e.polarity() > 0 && age < 365) {
          positive365++;
        }
      }
      for (EventType t : EventType.values()) {
        w.set("events_" + t.code() + "_365d", perType.getOrDefault(t.code(), 0));
        Long since = lastOfType.get(t.code());
        w.set("days_since_" + t.code(), since == null ? NaN : since);
      }
      w.set("adverse_events_30d", adverse30);
      w.set("adverse_events_90d", adverse90);
      w.set("adverse_events_365d", adverse365);
      w.set("positive_events_365d", positive365);
      w.set("adverse_event_score", adverseScore);

      // guarantee applications over (D-365, D]
      long[] applied = applications.stream()
          .mapToLong(LocalDate::toEpochDay)
          .filter(a -> a <= day && a > day - 365)
          .sorted()
          .toArray();
      w.set("guarantee_applications_365d", applied.length);
      long minGap = Long.MAX_VALUE;
      for (int i = 1; i < applied.length; i++) {
        minGap = Math.min(minGap, applied[i] - applied[i - 1]);
      }
      w.set("guarantee_application_min_interval_days", applied.length < 2 ? NaN : minGap);

      w.set("industry_default_rate_1y", industryRate);
      w.set("firm_age_years", (day - foundedOn.toEpochDay()) / 365.25);
      w.set("employees", employees);
      w.set("capital_jpy", firm[1]);
      w.set("guarantee_balance_jpy", firm[2]);
      w.set("guarantee_coverage", firm[3]);
      w.set("has_proper_loan", firm[4]);
      w.set("has_zero_zero_loan", firm[5]);
      w.set("has_successor", firm[6]);
      return new FeatureVector(firmId, asOf, out, Tier.of(s != null));
    }
  }

  private static final double NaN = Double.NaN;

  private static int monthIndex(LocalDate month) {
    return month.getYear() * 12 + month.getMonthValue();
  }

  /** Writes winsorised values by feature name; every catalogue feature must be written once. */
  private static final class Writer {
    private final double[] out;
    private final FeatureCatalogue catalogue;

    Writer(double[] out, FeatureCatalogue catalogue) {
      this.out = out;
      this.catalogue = catalogue;
    }

    void set(String name, double raw) {
      int i = catalogue.indexOf(name)
          .orElseThrow(() -> new IllegalStateException("feature " + name + " not in catalogue"));
      out[i] = catalogue.get(i).winsorise(raw);
    }
  }
}
