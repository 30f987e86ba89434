package dev.yocho.features.catalogue;

import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feature catalogue: every feature yocho computes, once, in the model's input order. The
 * {@link #version()} is a hash of all definitions, so a model bundle can refuse features computed
 * under a different catalogue.
 *
 * <p>Conventions shared by every feature: the missing marker is {@code NaN}; booleans are 0.0 and
 * 1.0; windows of {@code w} days as of {@code D} are the half-open interval {@code (D - w, D]};
 * "days since" is {@code D - date} in whole days. The statement {@code S} is the latest visible
 * period's latest visible version and {@code P} the visible period before it (see the
 * point-in-time rule in {@link dev.yocho.features.compute}); "thin" firms have no visible statement
 * and every feature reading {@code statements} is NaN for them.
 */
public final class FeatureCatalogue {
  /** Inquiry windows in days, in catalogue order. */
  public static final List<Integer> INQUIRY_WINDOWS = List.of(30, 90, 365);

  /** Half-life of the decayed adverse-event score, in days. */
  public static final double ADVERSE_HALF_LIFE_DAYS = 90.0;

  private final List<FeatureDefinition> definitions;
  private final List<String> names;
  private final Map<String, Integer> index;
  private final String version;

  private FeatureCatalogue(List<FeatureDefinition> definitions) {
    this.definitions = List.copyOf(definitions);
    List<String> n = new ArrayList<>();
    Map<String, Integer> idx = new HashMap<>();
    for (FeatureDefinition d : this.definitions) {
      if (idx.put(d.name(), n.size()) != null) {
        throw new IllegalStateException("duplicate feature " + d.name());
      }
      n.add(d.name());
    }
    this.names = List.copyOf(n);
    this.index = Map.copyOf(idx);
    this.version = hash(this.definitions);
  }

  /** The catalogue (there is one per build of yocho). */
  public static FeatureCatalogue current() {
    return Holder.INSTANCE;
  }

  // a holder, so the constants below are initialised before build() reads them
  private static final class Holder {
    static final FeatureCatalogue INSTANCE = new FeatureCatalogue(build());
  }

  /** The definitions in model input order (immutable). */
  public List<FeatureDefinition> definitions() {
    return definitions;
  }

  /** Feature names in model input order (immutable). */
  public List<String> names() {
    return names;
  }

  public int size() {
    return definitions.size();
  }

  public FeatureDefinition get(int position) {
    return definitions.get(position);
  }

  /** Position of {@code name} in the input order. */
  public Optional<Integer> indexOf(String name) {
    return Optional.ofNullable(index.get(name));
  }

  /** Position of {@code name}; an unknown name is the caller's fault. */
  public int require(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("unknown feature '" + name + "'");
    }
    return i;
  }

  /** {@code "fc-"} followed by the first 16 hex digits of SHA-256 over the canonical definitions. */
  public String version() {
    return version;
  }

  private static String hash(List<FeatureDefinition> definitions) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (FeatureDefinition d : definitions) {
        sha.update(d.canonical().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return "fc-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final List<String> ST = List.of("statements");
  private static final List<String> ST_FIRMS = List.of("statements", "firms");
  private static final String THIN = "NaN for a thin file (no visible statement)";

  private static FeatureDefinition ratio(
      String name, String ja, String en, String formula, String unit, double lo, double hi,
      String denominatorRule) {
    return new FeatureDefinition(
        name, ja, en, formula, unit, lo, hi, THIN + "; " + denominatorRule, ST);
  }

  private static List<FeatureDefinition> build() {
    List<FeatureDefinition> f = new ArrayList<>();
    // Bureau-style ratios (帝国データバンク-like) and the Local Benchmark indicators, on S.
    f.add(ratio("ordinary_profit_to_total_capital", "総資本経常利益率",
        "ordinary profit to total capital", "S.ordinary_income / S.total_assets", "ratio",
        -1, 1, "NaN when total_assets <= 0"));
    f.add(ratio("interest_burden_to_sales", "売上高金利負担率", "interest burden to sales",
        "S.interest_expense / S.sales", "ratio", 0, 0.5, "NaN when sales <= 0"));
    f.add(ratio("non_operating_expense_to_sales", "売上高営業外費用率",
        "non-operating expenses to sales", "S.non_operating_expense / S.sales", "ratio", 0, 1,
        "NaN when sales <= 0"));
    f.add(ratio("cash_days_on_hand", "現預金手持日数", "cash days on hand",
        "S.cash / (S.sales / 365)", "days", 0, 730, "NaN when sales <= 0"));
    f.add(ratio("payables_turnover_months", "買入債務回転期間", "payables turnover period",
        "S.payables / (S.cost_of_sales / 12)", "months", 0, 24, "NaN when cost_of_sales <= 0"));
    f.add(ratio("inventory_turnover_months", "棚卸資産回転期間", "inventory turnover period",
        "S.inventory / (S.cost_of_sales / 12)", "months", 0, 24, "NaN when cost_of_sales <= 0"));
    f.add(ratio("sales_growth", "売上高増加率", "sales growth",
        "S.sales / P.sales - 1, P the previous visible period, 300 to 430 days before S", "ratio",
        -1, 3, "NaN when there is no prior-year statement (no P, or P not 300-430 days before S)"
            + " or P.sales <= 0"));
    f.add(ratio("operating_margin", "営業利益率", "operating margin",
        "S.operating_income / S.sales", "ratio", -1, 1, "NaN when sales <= 0"));
    f.add(new FeatureDefinition("labour_productivity", "労働生産性", "labour productivity",
        "S.operating_income / firms.employees", "yen per employee", -2.0e7, 5.0e7,
        THIN + "; NaN when employees <= 0", ST_FIRMS));
    f.add(ratio("ebitda_net_debt_multiple", "EBITDA有利子負債倍率", "EBITDA net debt multiple",
        "(S.short_term_debt + S.long_term_debt - S.cash) / (S.operating_income + S.depreciation)",
        "multiple", -10, 50,
        "when EBITDA <= 0: the upper bound if net debt > 0 (never repaid), NaN otherwise"));
    f.add(ratio("working_capital_turnover_months", "営業運転資本回転期間",
        "working capital turnover period",
        "(S.receivables + S.inventory - S.payables) / (S.sales / 12)", "months", -12, 24,
        "NaN when sales <= 0"));
    f.add(ratio("equity_ratio", "自己資本比率", "equity ratio", "S.net_assets / S.total_assets",
        "ratio", -2, 1, "NaN when total_assets <= 0"));
    f.add(ratio("debt_to_monthly_sales", "借入金月商倍率", "debt to monthly sales",
        "(S.short_term_debt + S.long_term_debt) / (S.sales / 12)", "months", 0, 60,
        "NaN when sales <= 0"));
    f.add(ratio("insolvent", "債務超過", "insolvent (negative net assets)",
        "1 if S.net_assets < 0 else 0", "flag", -INF, INF, "no other missing case"));
    // Staleness.
    f.add(ratio("statement_age_days", "決算書受領後経過日数", "days since the statement arrived",
        "D - S.available_at", "days", -INF, INF, "no other missing case"));
    f.add(ratio("statement_period_age_days", "決算期末後経過日数",
        "days since the statement's period end", "D - S.period_end", "days", -INF, INF,
        "no other missing case"));
    // Two periods: a firm's level shows better in two years than in one.
    f.add(ratio("operating_margin_two_periods", "営業利益率(2期平均)",
        "operating margin, mean of two periods",
        "(S.operating_income / S.sales + P.operating_income / P.sales) / 2, P the previous visible"
            + " period, 300 to 430 days before S", "ratio", -1, 1,
        "NaN without a prior-year statement or when either period's sales <= 0"));
    f.add(ratio("equity_ratio_change", "自己資本比率の前期差", "change in equity ratio",
        "S.net_assets / S.total_assets - P.net_assets / P.total_assets, P as above", "ratio", -2, 2,
        "NaN without a prior-year statement or when either period's total_assets <= 0"));
    // Trial balances (a minority of firms).
    f.add(new FeatureDefinition("has_trial_balance", "月次試算表あり", "has monthly trial balances",
        "1 if any trial balance is visible, else 0", "flag", -INF, INF, "never missing",
        List.of("monthly_trial_balances")));
    f.add(new FeatureDefinition("monthly_sales_change_yoy", "月次売上高前年同月比",
        "monthly sales change versus a year ago",
        "T.sales / Y.sales - 1; T the latest visible month (latest version), Y the same calendar"
            + " month a year earlier (latest visible version)",
        "ratio", -1, 3,
        "NaN without a visible trial balance, without a visible month a year before the latest,"
            + " or when that month's sales <= 0",
        List.of("monthly_trial_balances")));
    f.add(new FeatureDefinition("monthly_operating_margin_3m", "月次営業利益率(直近3か月)",
        "operating margin of the latest three months",
        "sum(operating_income) / sum(sales) over months T-2 .. T (latest visible version of each"
            + " visible month; T the latest visible month)",
        "ratio", -1, 1,
        "NaN without a visible trial balance or when those months' sales sum to <= 0",
        List.of("monthly_trial_balances")));
    f.add(new FeatureDefinition("monthly_operating_margin_change_yoy", "月次営業利益率の前年差",
        "change in the three-month operating margin versus a year ago",
        "monthly_operating_margin_3m minus the same ratio over months T-14 .. T-12",
        "ratio", -1, 1,
        "NaN when either three-month window has no visible month or sales summing to <= 0",
        List.of("monthly_trial_balances")));
    // Inquiries by inquirer industry: counts and ratios to the firm's own baseline.
    for (InquirerIndustry who : InquirerIndustry.values()) {
      for (int w : INQUIRY_WINDOWS) {
        f.add(new FeatureDefinition("inquiries_" + who.code() + "_" + w + "d",
            who.labelJa() + "からの照会件数(" + w + "日)",
            "inquiries from " + who.labelEn() + " in " + w + " days",
            "sum(inquiries.count) over day in (D-" + w + ", D], inquirer " + who.code(), "count",
            -INF, INF, "never missing (0 without inquiries)", List.of("inquiries")));
      }
      for (int w : List.of(30, 90)) {
        f.add(new FeatureDefinition("inquiries_" + who.code() + "_ratio_" + w + "d",
            who.labelJa() + "からの照会件数の平常比(" + w + "日)",
            "inquiries from " + who.labelEn() + " in " + w + " days versus the firm's baseline",
            "(c" + w + " + 1) / (B * " + w + " / 275 + 1), B = count over day in (D-365, D-90]",
            "ratio", 0, 100, "never missing (smoothed by +1)", List.of("inquiries")));
      }
    }
    // Events (変動情報): counts by type in a year, days since the last of each type.
    for (EventType t : EventType.values()) {
      f.add(new FeatureDefinition("events_" + t.code() + "_365d", t.labelJa() + "件数(365日)",
          t.labelEn() + " events in 365 days",
          "count of events of type " + t.code() + " with reported_on in (D-365, D]", "count",
          -INF, INF, "never missing", List.of("events")));
    }
    for (EventType t : EventType.values()) {
      f.add(new FeatureDefinition("days_since_" + t.code(), t.labelJa() + "からの経過日数",
          "days since the last " + t.labelEn() + " within a year",
          "D - max(reported_on) over events of type " + t.code() + " with reported_on in"
              + " (D-365, D]; a fixed look-back, so the feature means the same whatever history"
              + " the database holds", "days", -INF, INF,
          "NaN when no event of this type was reported in the last 365 days", List.of("events")));
    }
    for (int w : List.of(30, 90, 365)) {
      f.add(new FeatureDefinition("adverse_events_" + w + "d", "ネガティブ変動情報件数(" + w + "日)",
          "adverse events in " + w + " days",
          "count of events with polarity < 0 and reported_on in (D-" + w + ", D]", "count",
          -INF, INF, "never missing", List.of("events")));
    }
    f.add(new FeatureDefinition("positive_events_365d", "ポジティブ変動情報件数(365日)",
        "positive events in 365 days",
        "count of events with polarity > 0 and reported_on in (D-365, D]", "count", -INF, INF,
        "never missing", List.of("events")));
    f.add(new FeatureDefinition("adverse_event_score", "ネガティブ変動情報スコア(減衰)",
        "decayed adverse-event score",
        "sum over visible events with polarity < 0 of 0.5^((D - reported_on) / 90)", "score",
        -INF, INF, "never missing (0 without adverse events)", List.of("events")));
    // Guarantee applications.
    f.add(new FeatureDefinition("guarantee_applications_365d", "保証申込件数(365日)",
        "guarantee applications in 365 days", "count with applied_on in (D-365, D]", "count",
        -INF, INF, "never missing", List.of("guarantee_applications")));
    f.add(new FeatureDefinition("guarantee_application_min_interval_days", "保証申込の最短間隔",
        "shortest interval between guarantee applications",
        "min difference in days between consecutive applied_on in (D-365, D]", "days", -INF, INF,
        "NaN with fewer than two applications in the window; 0 for same-day applications",
        List.of("guarantee_applications")));
    // Industry.
    f.add(new FeatureDefinition("industry_default_rate_1y", "業種別倒産率(直近1年)",
        "industry default rate over the trailing year",
        "among firms of the industry live at D-365, the share whose first default_on is in"
            + " (D-365, D]", "ratio", -INF, INF,
        "NaN when no firm of the industry was live at D-365",
        List.of("firms", "defaults", "closures")));
    // Firmographics.
    List<String> firms = List.of("firms");
    f.add(new FeatureDefinition("firm_age_years", "業歴", "firm age",
        "(D - founded_on) / 365.25", "years", -INF, INF, "never missing (0 on the founding day)",
        firms));
    f.add(new FeatureDefinition("employees", "従業員数", "employees", "firms.employees", "persons",
        -INF, INF, "never missing (0 allowed)", firms));
    f.add(new FeatureDefinition("capital_jpy", "資本金", "capital", "firms.capital_jpy", "yen",
        -INF, INF, "never missing", firms));
    f.add(new FeatureDefinition("guarantee_balance_jpy", "保証残高", "guarantee balance",
        "firms.guarantee_balance_jpy", "yen", -INF, INF, "never missing", firms));
    f.add(new FeatureDefinition("guarantee_coverage", "保証割合", "guarantee coverage",
        "firms.guarantee_coverage (0.8 or 1.0)", "ratio", -INF, INF, "never missing", firms));
    f.add(new FeatureDefinition("has_proper_loan", "プロパー融資あり", "has a proper loan",
        "firms.has_proper_loan", "flag", -INF, INF, "never missing", firms));
    f.add(new FeatureDefinition("has_zero_zero_loan", "ゼロゼロ融資あり", "has a zero-zero loan",
        "firms.has_zero_zero_loan", "flag", -INF, INF, "never missing", firms));
    f.add(new FeatureDefinition("has_successor", "後継者あり", "has a successor",
        "firms.has_successor", "flag", -INF, INF, "never missing", firms));
    return withDirections(f);
  }

  /** A direction and its one-line reason. */
  private record Direction(int sign, String reason) {}

  private static Direction up(String reason) {
    return new Direction(1, reason);
  }

  private static Direction down(String reason) {
    return new Direction(-1, reason);
  }

  private static Direction none(String reason) {
    return new Direction(0, reason);
  }

  /**
   * Every feature's declared risk direction (DESIGN section 14): +1 higher is riskier, -1 higher is
   * safer, 0 no fixed direction. Each is what credit practice holds and what the synthetic
   * generator's own process does (datasets-synthetic {@code FirmSimulator}, {@code FirmProfile});
   * a feature missing from this table is a build error, so a new feature must declare one.
   */
  private static List<FeatureDefinition> withDirections(List<FeatureDefinition> definitions) {
    Map<String, Direction> d = new HashMap<>();
    d.put("ordinary_profit_to_total_capital",
        down("profit relative to assets is a healthier firm's (profit rises with health)"));
    d.put("interest_burden_to_sales",
        up("interest eats into sales; weaker firms borrow more at wider spreads"));
    d.put("non_operating_expense_to_sales",
        up("non-operating expenses are mostly interest, which weaker firms pay more of"));
    d.put("cash_days_on_hand", down("more cash on hand means more days a firm can pay its way"));
    d.put("payables_turnover_months",
        none("set by the industry's payment terms; paying slowly can be strength or strain"));
    d.put("inventory_turnover_months",
        none("set by the industry's business; stock levels say little about health by themselves"));
    d.put("sales_growth", down("growing sales follow improving health; falling sales, decline"));
    d.put("operating_margin", down("a higher operating margin is a healthier business"));
    d.put("labour_productivity", down("more operating profit per employee is a healthier business"));
    d.put("ebitda_net_debt_multiple",
        up("more years of cash earnings to repay net debt (the bound: never repaid) is riskier"));
    d.put("working_capital_turnover_months",
        none("set by the industry's terms of trade (receivables, stock, payables), not by health"));
    d.put("equity_ratio", down("more equity per asset is a larger loss-absorbing cushion"));
    d.put("debt_to_monthly_sales",
        up("more months of sales owed to lenders is riskier; true PD rises with it in the generator"
            + " too, though given the equity ratio and interest burden debt mostly measures asset"
            + " intensity (README)"));
    d.put("insolvent", up("negative net assets: the firm owes more than it owns"));
    d.put("statement_age_days",
        up("an older statement means the next one is late or missing, which distress makes likelier"));
    d.put("statement_period_age_days",
        up("an older period end means the next statement is late or missing, likelier in distress"));
    d.put("operating_margin_two_periods", down("a higher margin over two years is a healthier business"));
    d.put("equity_ratio_change", down("a rising equity ratio means the firm retained profit"));
    d.put("has_trial_balance",
        none("whether the firm's accounting is linked is an arrangement, not a sign of health"));
    d.put("monthly_sales_change_yoy", down("sales above a year ago follow improving health"));
    d.put("monthly_operating_margin_3m", down("a higher recent operating margin is a healthier business"));
    d.put("monthly_operating_margin_change_yoy",
        down("a margin above a year ago's follows improving health"));
    for (InquirerIndustry who : InquirerIndustry.values()) {
      for (int w : INQUIRY_WINDOWS) {
        d.put("inquiries_" + who.code() + "_" + w + "d",
            up("creditors look a firm up more often when it is under stress or in distress"));
      }
      for (int w : List.of(30, 90)) {
        d.put("inquiries_" + who.code() + "_ratio_" + w + "d",
            up("inquiries above the firm's own baseline are a sign of new stress"));
      }
    }
    for (EventType t : EventType.values()) {
      if (t.adverse()) {
        d.put("events_" + t.code() + "_365d",
            up("an adverse event (" + t.labelEn() + ") is likelier under stress and in distress"));
        d.put("days_since_" + t.code(),
            down("the longer ago the last " + t.labelEn() + ", the less it says about today"));
      } else {
        d.put("events_" + t.code() + "_365d",
            down("a positive event (" + t.labelEn() + ") happens to stronger firms or lifts them"));
        d.put("days_since_" + t.code(),
            up("the longer ago the last " + t.labelEn() + ", the more its lift has faded"));
      }
    }
    for (int w : List.of(30, 90, 365)) {
      d.put("adverse_events_" + w + "d", up("adverse events are likelier under stress and in distress"));
    }
    d.put("positive_events_365d", down("positive events happen to stronger firms or lift them"));
    d.put("adverse_event_score", up("recent adverse events weigh more; all are signs of stress"));
    d.put("guarantee_applications_365d", up("a firm short of funds applies for guarantees more often"));
    d.put("guarantee_application_min_interval_days",
        down("applications in quick succession are a firm short of funds"));
    d.put("industry_default_rate_1y", up("firms of an industry where many default are riskier"));
    d.put("firm_age_years", down("young firms fail more often than established ones"));
    d.put("employees", down("smaller firms default more often than larger ones"));
    d.put("capital_jpy", down("more paid-in capital is a larger, better-funded firm"));
    d.put("guarantee_balance_jpy",
        none("the balance follows the firm's size and needs, which pull risk both ways"));
    d.put("guarantee_coverage", none("the coverage is the guarantee scheme's policy, not the firm's health"));
    d.put("has_proper_loan", down("a bank lending at its own risk has judged the firm sound"));
    d.put("has_zero_zero_loan",
        up("a pandemic-era zero-interest loan firm carries debt whose repayment is now due"));
    d.put("has_successor", down("a firm with a successor is run for the long term"));
    List<FeatureDefinition> directed = new ArrayList<>();
    for (FeatureDefinition f : definitions) {
      Direction direction = d.remove(f.name());
      if (direction == null) {
        throw new IllegalStateException("feature " + f.name() + " declares no risk direction");
      }
      directed.add(f.directed(direction.sign(), direction.reason()));
    }
    if (!d.isEmpty()) {
      throw new IllegalStateException("directions of unknown features " + d.keySet());
    }
    return directed;
  }
}
