package dev.yocho.features;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.catalogue.FeatureDefinition;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.Tier;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The naive reference for the feature contract: every table loaded into plain lists, every feature
 * recomputed by loops straight from its catalogue definition and the point-in-time rule, with no
 * code shared with the batch SQL or the single-firm path. Slow on purpose: clarity is the point.
 */
public final class ReferenceFeatures {
  private static final String[] STATEMENT_COLUMNS = {"sales", "cost_of_sales", "sga",
      "operating_income", "non_operating_income", "non_operating_expense", "interest_expense",
      "ordinary_income", "depreciation", "net_income", "cash", "receivables", "inventory",
      "current_assets", "fixed_assets", "total_assets", "payables", "short_term_debt",
      "long_term_debt", "total_liabilities", "net_assets"};

  record Firm(long id, String industry, LocalDate foundedOn, int employees, long capital,
      long guaranteeBalance, double coverage, boolean properLoan, boolean zeroZeroLoan,
      boolean successor) {}

  record StatementFact(long firmId, LocalDate periodEnd, LocalDate availableAt,
      Map<String, Double> numbers) {
    double get(String column) {
      return numbers.get(column);
    }
  }

  record TrialFact(
      long firmId, LocalDate month, LocalDate availableAt, double sales, double operatingIncome) {}

  record InquiryFact(long firmId, LocalDate day, String inquirer, int count) {}

  record EventFact(long firmId, LocalDate reportedOn, String type, int polarity) {}

  record DatedFact(long firmId, LocalDate day) {}

  private final Map<Long, Firm> firms = new TreeMap<>();
  private final List<StatementFact> statements = new ArrayList<>();
  private final List<TrialFact> trials = new ArrayList<>();
  private final List<InquiryFact> inquiries = new ArrayList<>();
  private final List<EventFact> events = new ArrayList<>();
  private final List<DatedFact> applications = new ArrayList<>();
  private final List<DatedFact> defaults = new ArrayList<>();
  private final List<DatedFact> closures = new ArrayList<>();
  private final Map<Long, List<Object>> byFirm = new HashMap<>();
  private final Map<Long, List<LocalDate>> defaultsByFirm = new HashMap<>();
  private final Map<Long, List<LocalDate>> closuresByFirm = new HashMap<>();

  private ReferenceFeatures() {}

  /** Loads every observable table behind {@code connection} into memory. */
  public static ReferenceFeatures load(Connection connection) throws SQLException {
    ReferenceFeatures ref = new ReferenceFeatures();
    try (Statement st = connection.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT * FROM firms")) {
        while (rs.next()) {
          Firm f = new Firm(rs.getLong("firm_id"), rs.getString("industry"),
              rs.getDate("founded_on").toLocalDate(), rs.getInt("employees"),
              rs.getLong("capital_jpy"), rs.getLong("guarantee_balance_jpy"),
              rs.getDouble("guarantee_coverage"), rs.getBoolean("has_proper_loan"),
              rs.getBoolean("has_zero_zero_loan"), rs.getBoolean("has_successor"));
          ref.firms.put(f.id(), f);
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT * FROM statements")) {
        while (rs.next()) {
          Map<String, Double> numbers = new HashMap<>();
          for (String c : STATEMENT_COLUMNS) {
            numbers.put(c, rs.getDouble(c));
          }
          ref.add(new StatementFact(rs.getLong("firm_id"), rs.getDate("period_end").toLocalDate(),
              rs.getDate("available_at").toLocalDate(), numbers));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT * FROM monthly_trial_balances")) {
        while (rs.next()) {
          ref.add(new TrialFact(rs.getLong("firm_id"), rs.getDate("month").toLocalDate(),
              rs.getDate("available_at").toLocalDate(), rs.getDouble("sales"),
              rs.getDouble("operating_income")));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT * FROM inquiries")) {
        while (rs.next()) {
          ref.add(new InquiryFact(rs.getLong("firm_id"), rs.getDate("day").toLocalDate(),
              rs.getString("inquirer_industry"), rs.getInt("count")));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT * FROM events")) {
        while (rs.next()) {
          ref.add(new EventFact(rs.getLong("firm_id"), rs.getDate("reported_on").toLocalDate(),
              rs.getString("event_type"), rs.getInt("polarity")));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT firm_id, applied_on FROM guarantee_applications")) {
        while (rs.next()) {
          ref.applications.add(new DatedFact(rs.getLong(1), rs.getDate(2).toLocalDate()));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT firm_id, default_on FROM defaults")) {
        while (rs.next()) {
          ref.defaults.add(new DatedFact(rs.getLong(1), rs.getDate(2).toLocalDate()));
        }
      }
      try (ResultSet rs = st.executeQuery("SELECT firm_id, closed_on FROM closures")) {
        while (rs.next()) {
          ref.closures.add(new DatedFact(rs.getLong(1), rs.getDate(2).toLocalDate()));
        }
      }
    }
    for (DatedFact a : ref.applications) {
      ref.byFirm.computeIfAbsent(a.firmId(), k -> new ArrayList<>()).add(a);
    }
    for (DatedFact x : ref.defaults) {
      ref.defaultsByFirm.computeIfAbsent(x.firmId(), k -> new ArrayList<>()).add(x.day());
    }
    for (DatedFact x : ref.closures) {
      ref.closuresByFirm.computeIfAbsent(x.firmId(), k -> new ArrayList<>()).add(x.day());
    }
    return ref;
  }

  private void add(Object fact) {
    long firmId;
    if (fact instanceof StatementFact s) {
      statements.add(s);
      firmId = s.firmId();
    } else if (fact instanceof TrialFact t) {
      trials.add(t);
      firmId = t.firmId();
    } else if (fact instanceof InquiryFact q) {
      inquiries.add(q);
      firmId = q.firmId();
    } else if (fact instanceof EventFact e) {
      events.add(e);
      firmId = e.firmId();
    } else {
      throw new IllegalStateException("unknown fact " + fact);
    }
    byFirm.computeIfAbsent(firmId, k -> new ArrayList<>()).add(fact);
  }

  /** Firm ids present in {@code firms}. */
  public List<Long> firmIds() {
    return List.copyOf(firms.keySet());
  }

  /** Founded on or before {@code d}, no default and no closure on or before {@code d}. */
  public boolean isLive(long firmId, LocalDate d) {
    Firm f = firms.get(firmId);
    if (f == null || f.foundedOn().isAfter(d)) {
      return false;
    }
    for (LocalDate x : defaultsByFirm.getOrDefault(firmId, List.of())) {
      if (!x.isAfter(d)) {
        return false;
      }
    }
    for (LocalDate x : closuresByFirm.getOrDefault(firmId, List.of())) {
      if (!x.isAfter(d)) {
        return false;
      }
    }
    return true;
  }

  /** Live firms at {@code d}, ascending. */
  public List<Long> liveFirms(LocalDate d) {
    List<Long> live = new ArrayList<>();
    for (long id : firms.keySet()) {
      if (isLive(id, d)) {
        live.add(id);
      }
    }
    return live;
  }

  /** The reference features of a live firm, in catalogue order, winsorised per the catalogue. */
  public FeatureVector compute(long firmId, LocalDate d) {
    Map<String, Double> raw = computeByName(firmId, d);
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    if (!raw.keySet().equals(new java.util.HashSet<>(catalogue.names()))) {
      throw new IllegalStateException("reference computes " + raw.keySet()
          + " but the catalogue lists " + catalogue.names());
    }
    double[] values = new double[catalogue.size()];
    for (int i = 0; i < values.length; i++) {
      FeatureDefinition def = catalogue.get(i);
      values[i] = def.winsorise(raw.get(def.name()));
    }
    boolean full = !Double.isNaN(raw.get("statement_age_days"));
    return new FeatureVector(firmId, d, values, full ? Tier.FULL : Tier.THIN);
  }

  private static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to);
  }

  /** True when {@code day} is in the window (d - w, d]. */
  private static boolean inWindow(LocalDate day, LocalDate d, int w) {
    return !day.isAfter(d) && day.isAfter(d.minusDays(w));
  }

  private Map<String, Double> computeByName(long firmId, LocalDate d) {
    Firm firm = firms.get(firmId);
    List<Object> facts = byFirm.getOrDefault(firmId, List.of());
    Map<String, Double> x = new LinkedHashMap<>();
    double nan = Double.NaN;

    // --- statements: find the latest visible period, then its latest visible version
    StatementFact s = null;
    StatementFact p = null;
    LocalDate latestPeriod = null;
    LocalDate priorPeriod = null;
    for (Object o : facts) {
      if (o instanceof StatementFact st && visible(st, d)) {
        if (latestPeriod == null || st.periodEnd().isAfter(latestPeriod)) {
          latestPeriod = st.periodEnd();
        }
      }
    }
    for (Object o : facts) {
      if (o instanceof StatementFact st && visible(st, d) && latestPeriod != null
          && st.periodEnd().isBefore(latestPeriod)) {
        if (priorPeriod == null || st.periodEnd().isAfter(priorPeriod)) {
          priorPeriod = st.periodEnd();
        }
      }
    }
    for (Object o : facts) {
      if (o instanceof StatementFact st && visible(st, d)) {
        if (st.periodEnd().equals(latestPeriod)
            && (s == null || st.availableAt().isAfter(s.availableAt()))) {
          s = st;
        }
        if (st.periodEnd().equals(priorPeriod)
            && (p == null || st.availableAt().isAfter(p.availableAt()))) {
          p = st;
        }
      }
    }
    if (s == null) {
      for (String name : List.of("ordinary_profit_to_total_capital", "interest_burden_to_sales",
          "non_operating_expense_to_sales", "cash_days_on_hand", "payables_turnover_months",
          "inventory_turnover_months", "sales_growth", "operating_margin", "labour_productivity",
          "ebitda_net_debt_multiple", "working_capital_turnover_months", "equity_ratio",
          "debt_to_monthly_sales", "insolvent", "statement_age_days",
          "statement_period_age_days", "operating_margin_two_periods", "equity_ratio_change")) {
        x.put(name, nan);
      }
    } else {
      double sales = s.get("sales");
      double cos = s.get("cost_of_sales");
      double ta = s.get("total_assets");
      x.put("ordinary_profit_to_total_capital", ta > 0 ? s.get("ordinary_income") / ta : nan);
      x.put("interest_burden_to_sales", sales > 0 ? s.get("interest_expense") / sales : nan);
      x.put("non_operating_expense_to_sales",
          sales > 0 ? s.get("non_operating_expense") / sales : nan);
      x.put("cash_days_on_hand", sales > 0 ? s.get("cash") / (sales / 365) : nan);
      x.put("payables_turnover_months", cos > 0 ? s.get("payables") / (cos / 12) : nan);
      x.put("inventory_turnover_months", cos > 0 ? s.get("inventory") / (cos / 12) : nan);
      double growth = nan;
      if (p != null) {
        long gap = days(p.periodEnd(), s.periodEnd());
        if (gap >= 300 && gap <= 430 && p.get("sales") > 0) {
          growth = sales / p.get("sales") - 1;
        }
      }
      x.put("sales_growth", growth);
      double twoPeriods = nan;
      double equityChange = nan;
      if (p != null && days(p.periodEnd(), s.periodEnd()) >= 300
          && days(p.periodEnd(), s.periodEnd()) <= 430) {
        if (sales > 0 && p.get("sales") > 0) {
          twoPeriods = (s.get("operating_income") / sales
              + p.get("operating_income") / p.get("sales")) / 2;
        }
        if (s.get("total_assets") > 0 && p.get("total_assets") > 0) {
          equityChange = s.get("net_assets") / s.get("total_assets")
              - p.get("net_assets") / p.get("total_assets");
        }
      }
      x.put("operating_margin_two_periods", twoPeriods);
      x.put("equity_ratio_change", equityChange);
      x.put("operating_margin", sales > 0 ? s.get("operating_income") / sales : nan);
      x.put("labour_productivity",
          firm.employees() > 0 ? s.get("operating_income") / firm.employees() : nan);
      double ebitda = s.get("operating_income") + s.get("depreciation");
      double netDebt = s.get("short_term_debt") + s.get("long_term_debt") - s.get("cash");
      double multiple;
      if (ebitda > 0) {
        multiple = netDebt / ebitda;
      } else if (netDebt > 0) {
        multiple = Double.POSITIVE_INFINITY;
      } else {
        multiple = nan;
      }
      x.put("ebitda_net_debt_multiple", multiple);
      x.put("working_capital_turnover_months", sales > 0
          ? (s.get("receivables") + s.get("inventory") - s.get("payables")) / (sales / 12) : nan);
      x.put("equity_ratio", ta > 0 ? s.get("net_assets") / ta : nan);
      x.put("debt_to_monthly_sales", sales > 0
          ? (s.get("short_term_debt") + s.get("long_term_debt")) / (sales / 12) : nan);
      x.put("insolvent", s.get("net_assets") < 0 ? 1.0 : 0.0);
      x.put("statement_age_days", (double) days(s.availableAt(), d));
      x.put("statement_period_age_days", (double) days(s.periodEnd(), d));
    }

    // --- trial balances
    TrialFact latest = null;
    for (Object o : facts) {
      if (o instanceof TrialFact t && !t.availableAt().isAfter(d)) {
        if (latest == null || monthOf(t.month()) > monthOf(latest.month())
            || (monthOf(t.month()) == monthOf(latest.month())
                && t.availableAt().isAfter(latest.availableAt()))) {
          latest = t;
        }
      }
    }
    x.put("has_trial_balance", latest == null ? 0.0 : 1.0);
    double yoy = nan;
    if (latest != null) {
      TrialFact yearAgo = null;
      for (Object o : facts) {
        if (o instanceof TrialFact t && !t.availableAt().isAfter(d)
            && monthOf(t.month()) == monthOf(latest.month()) - 12
            && (yearAgo == null || t.availableAt().isAfter(yearAgo.availableAt()))) {
          yearAgo = t;
        }
      }
      if (yearAgo != null && yearAgo.sales() > 0) {
        yoy = latest.sales() / yearAgo.sales() - 1;
      }
    }
    x.put("monthly_sales_change_yoy", yoy);
    double margin3m = nan;
    double marginChange = nan;
    if (latest != null) {
      int t = monthOf(latest.month());
      margin3m = referenceMargin(facts, d, t - 2, t);
      marginChange = margin3m - referenceMargin(facts, d, t - 14, t - 12);
    }
    x.put("monthly_operating_margin_3m", margin3m);
    x.put("monthly_operating_margin_change_yoy", marginChange);

    // --- inquiries
    for (String who : List.of("bank", "trade_creditor", "leasing", "collection")) {
      double[] c = new double[3];
      int[] windows = {30, 90, 365};
      for (int k = 0; k < 3; k++) {
        for (Object o : facts) {
          if (o instanceof InquiryFact q && q.inquirer().equals(who)
              && inWindow(q.day(), d, windows[k])) {
            c[k] += q.count();
          }
        }
        x.put("inquiries_" + who + "_" + windows[k] + "d", c[k]);
      }
      double baseline = c[2] - c[1];
      x.put("inquiries_" + who + "_ratio_30d", (c[0] + 1) / (baseline * 30 / 275 + 1));
      x.put("inquiries_" + who + "_ratio_90d", (c[1] + 1) / (baseline * 90 / 275 + 1));
    }

    // --- events
    List<String> types = List.of("payment_delay", "bounced_bill", "tax_arrears",
        "social_insurance_arrears", "lawsuit", "repayment_rescheduling", "executive_resignation",
        "major_customer_loss", "late_statement", "capital_increase", "new_major_contract",
        "new_proper_loan");
    for (String type : types) {
      double n = 0;
      for (Object o : facts) {
        if (o instanceof EventFact e && e.type().equals(type) && inWindow(e.reportedOn(), d, 365)) {
          n++;
        }
      }
      x.put("events_" + type + "_365d", n);
    }
    for (String type : types) {
      LocalDate last = null;
      for (Object o : facts) {
        if (o instanceof EventFact e && e.type().equals(type) && inWindow(e.reportedOn(), d, 365)
            && (last == null || e.reportedOn().isAfter(last))) {
          last = e.reportedOn();
        }
      }
      x.put("days_since_" + type, last == null ? nan : (double) days(last, d));
    }
    for (int w : new int[] {30, 90, 365}) {
      double n = 0;
      for (Object o : facts) {
        if (o instanceof EventFact e && e.polarity() < 0 && inWindow(e.reportedOn(), d, w)) {
          n++;
        }
      }
      x.put("adverse_events_" + w + "d", n);
    }
    double positive = 0;
    double score = 0;
    for (Object o : facts) {
      if (o instanceof EventFact e && !e.reportedOn().isAfter(d)) {
        if (e.polarity() > 0 && inWindow(e.reportedOn(), d, 365)) {
          positive++;
        }
        if (e.polarity() < 0) {
          score += Math.pow(0.5, days(e.reportedOn(), d) / 90.0);
        }
      }
    }
    x.put("positive_events_365d", positive);
    x.put("adverse_event_score", score);

    // --- guarantee applications: all pairs, to stay independent of sorting
    List<LocalDate> applied = new ArrayList<>();
    for (Object o : facts) {
      if (o instanceof DatedFact a && inWindow(a.day(), d, 365)) {
        applied.add(a.day());
      }
    }
    x.put("guarantee_applications_365d", (double) applied.size());
    double shortest = nan;
    for (int i = 0; i < applied.size(); i++) {
      for (int j = 0; j < applied.size(); j++) {
        if (i != j) {
          long gap = Math.abs(days(applied.get(i), applied.get(j)));
          if (Double.isNaN(shortest) || gap < shortest) {
            shortest = gap;
          }
        }
      }
    }
    x.put("guarantee_application_min_interval_days", shortest);

    // --- industry default rate: cohort live at d - 365, first default in (d - 365, d]
    LocalDate yearAgo = d.minusDays(365);
    int cohort = 0;
    int defaulted = 0;
    for (Firm f : firms.values()) {
      if (f.industry().equals(firm.industry()) && isLive(f.id(), yearAgo)) {
        cohort++;
        LocalDate first = null;
        for (LocalDate day : defaultsByFirm.getOrDefault(f.id(), List.of())) {
          if (first == null || day.isBefore(first)) {
            first = day;
          }
        }
        if (first != null && first.isAfter(yearAgo) && !first.isAfter(d)) {
          defaulted++;
        }
      }
    }
    x.put("industry_default_rate_1y", cohort == 0 ? nan : (double) defaulted / cohort);

    // --- firmographics
    x.put("firm_age_years", days(firm.foundedOn(), d) / 365.25);
    x.put("employees", (double) firm.employees());
    x.put("capital_jpy", (double) firm.capital());
    x.put("guarantee_balance_jpy", (double) firm.guaranteeBalance());
    x.put("guarantee_coverage", firm.coverage());
    x.put("has_proper_loan", firm.properLoan() ? 1.0 : 0.0);
    x.put("has_zero_zero_loan", firm.zeroZeroLoan() ? 1.0 : 0.0);
    x.put("has_successor", firm.successor() ? 1.0 : 0.0);
    return x;
  }

  private static boolean visible(StatementFact s, LocalDate d) {
    return !s.periodEnd().isAfter(d) && !s.availableAt().isAfter(d);
  }

  /**
   * Σ operating income / Σ sales over calendar months [from, to], each month's latest version
   * visible on d; NaN when no month is visible or sales sum to ≤ 0. Naive on purpose.
   */
  private static double referenceMargin(List<Object> facts, LocalDate d, int from, int to) {
    double income = 0;
    double sales = 0;
    for (int m = from; m <= to; m++) {
      TrialFact best = null;
      for (Object o : facts) {
        if (o instanceof TrialFact t && !t.availableAt().isAfter(d) && monthOf(t.month()) == m
            && (best == null || t.availableAt().isAfter(best.availableAt()))) {
          best = t;
        }
      }
      if (best != null) {
        income += best.operatingIncome();
        sales += best.sales();
      }
    }
    return sales > 0 ? income / sales : Double.NaN;
  }

  private static int monthOf(LocalDate date) {
    return date.getYear() * 12 + date.getMonthValue();
  }
}
