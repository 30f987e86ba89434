package dev.yocho.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text a credit officer reads, held against expected text in Japanese and English: values in
 * their units, values at a winsorisation bound, missing values with the fact behind them, new
 * statements and trial balances, and facts entering or leaving a look-back window.
 */
class ReasonTextTest {
  static final LocalDate TO = LocalDate.of(2025, 12, 31);
  static final double NA = Double.NaN;

  /** One reason's values and the text expected in each language. */
  record Case(String feature, double from, double to, Reason.Missing missingFrom,
      Reason.Missing missingTo, String ja, String en) {}

  static Case of(String feature, double from, double to, String ja, String en) {
    return new Case(feature, from, to, null, null, ja, en);
  }

  static Case missing(String feature, double from, Reason.Missing whyFrom, double to,
      Reason.Missing whyTo, String ja, String en) {
    return new Case(feature, from, to, whyFrom, whyTo, ja, en);
  }

  private static void check(List<Case> cases) {
    for (Case c : cases) {
      Reason r = new Reason(1, c.feature(), ReasonCodes.standard().of(c.feature()),
          Reason.Direction.ADVERSE, c.from(), c.to(), 0.1, 0.5, List.of(), c.missingFrom(),
          c.missingTo());
      assertThat(r.values(Language.JA)).as(c.feature()).isEqualTo(c.ja());
      assertThat(r.values(Language.EN)).as(c.feature()).isEqualTo(c.en());
    }
  }

  @Test
  void valuesAreWrittenInTheirUnits() {
    check(List.of(
        of("interest_burden_to_sales", 0.001515, 0.002607, "売上高金利負担率 0.15% → 0.26%",
            "interest burden to sales 0.15% → 0.26%"),
        of("payables_turnover_months", 0.47, 1.234, "買入債務回転期間 0.47 か月 → 1.2 か月",
            "payables turnover period 0.47 months → 1.2 months"),
        of("ebitda_net_debt_multiple", 2.256, 3.1, "EBITDA有利子負債倍率 2.3 倍 → 3.1 倍",
            "EBITDA net debt multiple 2.3× → 3.1×"),
        of("capital_jpy", 12_300_000, 150_000_000, "資本金 1,230万円 → 1.5億円",
            "capital ¥12.3M → ¥150M"),
        of("cash_days_on_hand", 45.4, 30, "現預金手持日数 45 日 → 30 日",
            "cash days on hand 45 days → 30 days"),
        of("sales_growth", 0.12, -0.05, "売上高増加率 +12.0% → -5.0%",
            "sales growth +12.0% → -5.0%"),
        of("equity_ratio_change", 0.031, -0.02, "自己資本比率の前期差 +3.1 ポイント → -2.0 ポイント",
            "change in equity ratio +3.1 pt → -2.0 pt"),
        of("inquiries_bank_ratio_30d", 1.0, 3.1, "金融機関からの照会件数の平常比(30日) 1.0 倍 → 3.1 倍",
            "inquiries from banks in 30 days versus the firm's baseline 1.0× → 3.1×"),
        of("inquiries_trade_creditor_90d", 1, 3, "取引先からの照会件数(90日) 1 件 → 3 件",
            "inquiries from trade creditors in 90 days 1 → 3"),
        of("firm_age_years", 12.34, 12.42, "業歴 12.3 年 → 12.4 年",
            "firm age 12.3 years → 12.4 years"),
        of("labour_productivity", 2_500_000, 1_800_000, "労働生産性 250万円/人 → 180万円/人",
            "labour productivity ¥2.5M per employee → ¥1.8M per employee"),
        of("insolvent", 0, 1, "債務超過 なし → あり", "insolvent (negative net assets) no → yes"),
        of("industry_default_rate_1y", 0.0123, 0.0151, "業種別倒産率(直近1年) 1.2% → 1.5%",
            "industry default rate over the trailing year 1.2% → 1.5%"),
        of("adverse_event_score", 0.5, 1.25, "ネガティブ変動情報スコア(減衰) 0.50 → 1.25",
            "decayed adverse-event score 0.50 → 1.25")));
  }

  @Test
  void aValueAtAWinsorisationBoundReadsAsTheBound() {
    check(List.of(
        of("ebitda_net_debt_multiple", 2.256, 50,
            "EBITDA有利子負債倍率 2.3 倍 → 50 倍以上(EBITDA がマイナスの場合を含む)",
            "EBITDA net debt multiple 2.3× → 50× or more (or EBITDA not positive)"),
        of("ebitda_net_debt_multiple", -10, 5, "EBITDA有利子負債倍率 -10 倍以下 → 5.0 倍",
            "EBITDA net debt multiple -10× or less → 5.0×"),
        of("debt_to_monthly_sales", 12, 60, "借入金月商倍率 12 か月 → 60 か月以上",
            "debt to monthly sales 12 months → 60 months or more"),
        of("cash_days_on_hand", 730, 200, "現預金手持日数 730 日以上 → 200 日",
            "cash days on hand 730 days or more → 200 days"),
        of("sales_growth", 3, 0.5, "売上高増加率 +300%以上 → +50.0%",
            "sales growth +300% or more → +50.0%"),
        of("sales_growth", 0.1, -1, "売上高増加率 +10.0% → -100%以下",
            "sales growth +10.0% → -100% or less"),
        of("operating_margin", -1, 0.05, "営業利益率 -100%以下 → 5.0%",
            "operating margin -100% or less → 5.0%"),
        of("equity_ratio", -2, -0.5, "自己資本比率 -200%以下 → -50.0%",
            "equity ratio -200% or less → -50.0%"),
        of("inquiries_collection_ratio_90d", 2, 100,
            "債権回収会社からの照会件数の平常比(90日) 2.0 倍 → 100 倍以上",
            "inquiries from collection agencies in 90 days versus the firm's baseline 2.0× → 100×"
                + " or more"),
        // a lower bound of 0 (no interest paid) is a natural value, not a clipped one
        of("interest_burden_to_sales", 0.5, 0, "売上高金利負担率 50.0%以上 → 0.00%",
            "interest burden to sales 50.0% or more → 0.00%"),
        of("payables_turnover_months", 24, 3, "買入債務回転期間 24 か月以上 → 3.0 か月",
            "payables turnover period 24 months or more → 3.0 months"),
        of("working_capital_turnover_months", -12, 1, "営業運転資本回転期間 -12 か月以下 → 1.0 か月",
            "working capital turnover period -12 months or less → 1.0 months")));
  }

  @Test
  void aMissingValueIsExplainedByTheFactBehindIt() {
    check(List.of(
        missing("operating_margin_two_periods", 0.0451, null, NA,
            Reason.Missing.NO_PRIOR_STATEMENT, "営業利益率(2期平均) 4.5% → なし(比較できる前期の決算書がない)",
            "operating margin, mean of two periods 4.5% → none (no prior-year statement to"
                + " compare with)"),
        missing("sales_growth", NA, Reason.Missing.NO_STATEMENT, 0.1, null,
            "売上高増加率 なし(決算書がない) → +10.0%", "sales growth none (no statement) → +10.0%"),
        missing("ebitda_net_debt_multiple", 3, null, NA, Reason.Missing.EBITDA_NOT_POSITIVE,
            "EBITDA有利子負債倍率 3.0 倍 → なし(EBITDA がマイナスで純有利子負債なし)",
            "EBITDA net debt multiple 3.0× → none (EBITDA not positive and no net debt)"),
        missing("days_since_bounced_bill", NA, Reason.Missing.NONE_IN_YEAR, 12, null,
            "手形不渡りからの経過日数 なし(365日以内になし) → 12 日",
            "days since the last bounced bill within a year none (none within 365 days) → 12"
                + " days"),
        missing("monthly_sales_change_yoy", 0.05, null, NA, Reason.Missing.NO_YEAR_AGO_MONTH,
            "月次売上高前年同月比 +5.0% → なし(前年同月の試算表がない)",
            "monthly sales change versus a year ago +5.0% → none (no trial balance for the same"
                + " months a year earlier)"),
        missing("monthly_operating_margin_3m", NA, Reason.Missing.NO_TRIAL_BALANCE, 0.03, null,
            "月次営業利益率(直近3か月) なし(月次試算表がない) → 3.0%",
            "operating margin of the latest three months none (no trial balance) → 3.0%"),
        missing("guarantee_application_min_interval_days", 30, null, NA,
            Reason.Missing.FEWER_THAN_TWO_APPLICATIONS,
            "保証申込の最短間隔 30 日 → なし(365日以内の申込が2件未満)",
            "shortest interval between guarantee applications 30 days → none (fewer than two"
                + " applications in 365 days)"),
        missing("industry_default_rate_1y", NA, Reason.Missing.NO_INDUSTRY_HISTORY, 0.01, null,
            "業種別倒産率(直近1年) なし(業種の1年前の企業がない) → 1.0%",
            "industry default rate over the trailing year none (no firm of the industry a year"
                + " earlier) → 1.0%"),
        missing("operating_margin", 0.02, null, NA, Reason.Missing.NOT_COMPUTABLE,
            "営業利益率 2.0% → なし(分母がゼロ以下で計算できない)",
            "operating margin 2.0% → none (not computable: denominator not positive)"),
        missing("equity_ratio_change", 0.01, null, NA, Reason.Missing.NO_PRIOR_STATEMENT,
            "自己資本比率の前期差 +1.0 ポイント → なし(比較できる前期の決算書がない)",
            "change in equity ratio +1.0 pt → none (no prior-year statement to compare with)"),
        missing("cash_days_on_hand", NA, Reason.Missing.NO_STATEMENT, 60, null,
            "現預金手持日数 なし(決算書がない) → 60 日",
            "cash days on hand none (no statement) → 60 days"),
        missing("days_since_payment_delay", 300, null, NA, Reason.Missing.NONE_IN_YEAR,
            "支払遅延からの経過日数 300 日 → なし(365日以内になし)",
            "days since the last payment delay within a year 300 days → none (none within 365"
                + " days)")));
  }

  /** A fact and the sentence expected in each language, as of {@link #TO}. */
  record Fact(ReasonEvent event, String ja, String en) {}

  private static void checkFacts(List<Fact> facts) {
    for (Fact f : facts) {
      assertThat(f.event().text(Language.JA, TO)).isEqualTo(f.ja());
      assertThat(f.event().text(Language.EN, TO)).isEqualTo(f.en());
    }
  }

  private static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void aNewStatementOrTrialBalanceIsNamedWithItsPeriodAndTheDayItArrived() {
    checkFacts(List.of(
        new Fact(ReasonEvent.statement(d("2025-03-31"), d("2025-06-30")),
            "2025年3月期の決算書が2025-06-30に届いた",
            "a new statement for the period ended 2025-03-31 arrived on 2025-06-30"),
        new Fact(ReasonEvent.statement(d("2025-09-30"), d("2025-12-15")),
            "2025年9月期の決算書が2025-12-15に届いた",
            "a new statement for the period ended 2025-09-30 arrived on 2025-12-15"),
        new Fact(ReasonEvent.statement(d("2024-12-31"), d("2025-12-31")),
            "2024年12月期の決算書が2025-12-31に届いた",
            "a new statement for the period ended 2024-12-31 arrived on 2025-12-31"),
        new Fact(ReasonEvent.statement(d("2025-06-30"), d("2025-09-01")),
            "2025年6月期の決算書が2025-09-01に届いた",
            "a new statement for the period ended 2025-06-30 arrived on 2025-09-01"),
        new Fact(ReasonEvent.statement(d("2025-08-31"), d("2025-11-28")),
            "2025年8月期の決算書が2025-11-28に届いた",
            "a new statement for the period ended 2025-08-31 arrived on 2025-11-28"),
        new Fact(ReasonEvent.statement(d("2025-05-31"), d("2025-08-29")),
            "2025年5月期の決算書が2025-08-29に届いた",
            "a new statement for the period ended 2025-05-31 arrived on 2025-08-29"),
        new Fact(ReasonEvent.trialBalance(d("2025-10-01"), d("2025-11-20")),
            "2025年10月の月次試算表が2025-11-20に届いた",
            "the trial balance for October 2025 arrived on 2025-11-20"),
        new Fact(ReasonEvent.trialBalance(d("2025-11-01"), d("2025-12-22")),
            "2025年11月の月次試算表が2025-12-22に届いた",
            "the trial balance for November 2025 arrived on 2025-12-22"),
        new Fact(ReasonEvent.trialBalance(d("2025-01-01"), d("2025-02-25")),
            "2025年1月の月次試算表が2025-02-25に届いた",
            "the trial balance for January 2025 arrived on 2025-02-25"),
        new Fact(ReasonEvent.trialBalance(d("2024-12-01"), d("2025-01-31")),
            "2024年12月の月次試算表が2025-01-31に届いた",
            "the trial balance for December 2024 arrived on 2025-01-31"),
        new Fact(ReasonEvent.trialBalance(d("2025-07-01"), d("2025-08-18")),
            "2025年7月の月次試算表が2025-08-18に届いた",
            "the trial balance for July 2025 arrived on 2025-08-18"),
        new Fact(ReasonEvent.trialBalance(d("2025-09-01"), d("2025-10-31")),
            "2025年9月の月次試算表が2025-10-31に届いた",
            "the trial balance for September 2025 arrived on 2025-10-31")));
  }

  @Test
  void aFactLeavingOrEnteringAWindowSaysHowLongAgoItWas() {
    checkFacts(List.of(
        new Fact(ReasonEvent.inquiryLeft(InquirerIndustry.TRADE_CREDITOR, d("2025-10-01"), 90, 1),
            "91日前(2025-10-01)の取引先からの照会1件が90日の集計期間から外れた",
            "an inquiry from a trade creditor 91 days ago (2025-10-01) left the 90-day window"),
        new Fact(ReasonEvent.inquiryLeft(InquirerIndustry.BANK, d("2025-12-01"), 30, 2),
            "30日前(2025-12-01)の金融機関からの照会2件が30日の集計期間から外れた",
            "2 inquiries from banks 30 days ago (2025-12-01) left the 30-day window"),
        new Fact(ReasonEvent.inquiryLeft(InquirerIndustry.LEASING, d("2024-12-31"), 365, 1),
            "365日前(2024-12-31)のリース会社からの照会1件が365日の集計期間から外れた",
            "an inquiry from a leasing company 365 days ago (2024-12-31) left the 365-day window"),
        new Fact(ReasonEvent.inquiryLeft(InquirerIndustry.COLLECTION, d("2025-10-02"), 90, 3),
            "90日前(2025-10-02)の債権回収会社からの照会3件が90日の集計期間から外れた",
            "3 inquiries from collection agencies 90 days ago (2025-10-02) left the 90-day"
                + " window"),
        new Fact(ReasonEvent.inquiryLeft(InquirerIndustry.TRADE_CREDITOR, d("2025-09-30"), 90, 1),
            "92日前(2025-09-30)の取引先からの照会1件が90日の集計期間から外れた",
            "an inquiry from a trade creditor 92 days ago (2025-09-30) left the 90-day window"),
        new Fact(ReasonEvent.eventLeft(EventType.PAYMENT_DELAY, d("2024-12-20"), d("2024-12-31"),
            365), "365日前(2024-12-31)に報告された支払遅延が365日の集計期間から外れた",
            "the payment delay reported 365 days ago (2024-12-31) left the 365-day window"),
        new Fact(ReasonEvent.eventLeft(EventType.BOUNCED_BILL, d("2025-09-28"), d("2025-10-02"),
            90), "90日前(2025-10-02)に報告された手形不渡りが90日の集計期間から外れた",
            "the bounced bill reported 90 days ago (2025-10-02) left the 90-day window"),
        new Fact(ReasonEvent.eventLeft(EventType.TAX_ARREARS, d("2024-12-01"), d("2024-12-30"),
            365), "366日前(2024-12-30)に報告された税金滞納が365日の集計期間から外れた",
            "the tax arrears reported 366 days ago (2024-12-30) left the 365-day window"),
        new Fact(ReasonEvent.inquiryNew(InquirerIndustry.TRADE_CREDITOR, d("2025-12-19"), 30, 1),
            "12日前(2025-12-19)に取引先からの照会が1件あった",
            "an inquiry from a trade creditor 12 days ago (2025-12-19)"),
        new Fact(ReasonEvent.inquiryNew(InquirerIndustry.BANK, d("2025-12-31"), 90, 2),
            "当日(2025-12-31)に金融機関からの照会が2件あった",
            "2 inquiries from banks on the day (2025-12-31)"),
        new Fact(ReasonEvent.inquiryNew(InquirerIndustry.LEASING, d("2025-12-30"), 30, 1),
            "1日前(2025-12-30)にリース会社からの照会が1件あった",
            "an inquiry from a leasing company 1 day ago (2025-12-30)"),
        new Fact(ReasonEvent.inquiries(InquirerIndustry.TRADE_CREDITOR, 90, 1, 0),
            "取引先からの照会(90日間)が1件から0件に減少",
            "inquiries from trade creditors in 90 days fell from 1 to 0")));
  }

  @Test
  void aReasonRestsOnANewFactOnlyWhenOneOfItsFactsBecameKnownBetweenTheDates() {
    ReasonEvent left = ReasonEvent.inquiryLeft(InquirerIndustry.BANK, d("2025-10-01"), 90, 1);
    ReasonEvent count = ReasonEvent.inquiries(InquirerIndustry.BANK, 90, 1, 0);
    ReasonEvent arrived = ReasonEvent.inquiryNew(InquirerIndustry.BANK, d("2025-12-20"), 90, 1);
    assertThat(reason(List.of(count, left)).cause()).isEqualTo(Reason.Cause.WINDOW_EDGE);
    assertThat(reason(List.of()).cause()).isEqualTo(Reason.Cause.WINDOW_EDGE);
    assertThat(reason(List.of(count, arrived, left)).cause()).isEqualTo(Reason.Cause.NEW_FACT);
    assertThat(reason(List.of(ReasonEvent.statement(d("2025-03-31"), d("2025-06-30")))).cause())
        .isEqualTo(Reason.Cause.NEW_FACT);
  }

  private static Reason reason(List<ReasonEvent> events) {
    return new Reason(1, "inquiries_bank_90d", ReasonCodes.standard().of("inquiries_bank_90d"),
        Reason.Direction.FAVOURABLE, 1, 0, -0.1, 0.5, events, null, null);
  }
}
