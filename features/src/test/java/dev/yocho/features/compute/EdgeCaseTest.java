package dev.yocho.features.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.yocho.features.TestUniverse.Rows;
import dev.yocho.features.model.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edge cases are values, not errors: each case below has a defined value or the missing marker,
 * and the batch and single-firm paths give the same one.
 */
class EdgeCaseTest {
  private static final LocalDate D = LocalDate.of(2024, 6, 30);
  private static final double NAN = Double.NaN;
  private static Connection connection;

  @BeforeAll
  static void universe() throws SQLException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    Schema.createObservable(connection);
    Rows info = new Rows(connection, "dataset_info");
    info.add("window_from", "2021-01-01");
    info.add("window_to", "2025-12-31");
    info.flush();

    Rows firms = new Rows(connection, "firms");
    firm(firms, 1, "construction", LocalDate.of(2000, 4, 1), 10);
    firm(firms, 2, "construction", LocalDate.of(2000, 4, 1), 0);
    firm(firms, 3, "retail", LocalDate.of(1999, 1, 1), 3);
    firm(firms, 4, "retail", LocalDate.of(2024, 3, 1), 1); // young, thin
    firm(firms, 5, "retail", LocalDate.of(1990, 1, 1), 5);
    firm(firms, 6, "retail", LocalDate.of(1990, 1, 1), 5);
    firm(firms, 7, "construction", LocalDate.of(2000, 1, 1), 5); // defaulted before D
    firm(firms, 8, "construction", LocalDate.of(2000, 1, 1), 5); // closes on D
    firm(firms, 9, "information", LocalDate.of(2024, 7, 1), 5); // founded after D
    firm(firms, 10, "accommodation", LocalDate.of(2024, 1, 1), 2); // no cohort a year ago
    firms.flush();

    Rows statements = new Rows(connection, "statements");
    // firm 1: a normal pair of years, a restatement after D, a period ending after D
    statement(statements, 1, "2023-03-31", "2023-06-01", Map.of("sales", 1.0e8));
    statement(statements, 1, "2024-03-31", "2024-05-31", Map.of());
    statement(statements, 1, "2024-03-31", "2024-07-15", Map.of("sales", 9.0e7));
    statement(statements, 1, "2025-03-31", "2024-06-01", Map.of("sales", 1.0));
    // firm 2: zero denominators, loss-making with net debt
    statement(statements, 2, "2024-03-31", "2024-05-15", Map.of("sales", 0.0,
        "cost_of_sales", 0.0, "total_assets", 0.0, "operating_income", -5.0e6,
        "depreciation", 1.0e6));
    // firm 3: negative denominators, insolvent, prior statement two years back, no net debt
    statement(statements, 3, "2022-03-31", "2022-05-31", Map.of("sales", 1.0e8));
    statement(statements, 3, "2024-03-31", "2024-05-31", Map.of("sales", -1.0e6,
        "total_assets", -5.0e6, "net_assets", -1.0e7, "operating_income", -5.0e6,
        "depreciation", 0.0, "short_term_debt", 0.0, "long_term_debt", 0.0, "cash", 1.0e6));
    statement(statements, 5, "2023-12-31", "2024-03-01", Map.of());
    statements.flush();

    Rows trials = new Rows(connection, "monthly_trial_balances");
    trials.add(1L, LocalDate.of(2023, 5, 31), LocalDate.of(2023, 6, 20), 1.0e7, 0.0, 0.0, 0.0, 0.0);
    trials.add(1L, LocalDate.of(2024, 5, 31), LocalDate.of(2024, 6, 20), 1.2e7, 0.0, 0.0, 0.0, 0.0);
    trials.add(1L, LocalDate.of(2024, 5, 31), LocalDate.of(2024, 7, 1), 5.0e6, 0.0, 0.0, 0.0, 0.0);
    trials.add(1L, LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 20), 1.0, 0.0, 0.0, 0.0, 0.0);
    trials.flush();

    Rows inquiries = new Rows(connection, "inquiries");
    inquiries.add(4L, D, "bank", 2);
    inquiries.add(4L, D.minusDays(30), "bank", 1);
    inquiries.add(4L, D.plusDays(1), "bank", 7);
    inquiries.flush();

    Rows events = new Rows(connection, "events");
    events.add(5L, D.minusDays(3), D, "payment_delay", -1);
    events.add(5L, D.minusDays(1), D, "payment_delay", -1);
    events.add(5L, D.minusDays(400), D.minusDays(365), "lawsuit", -1);
    events.add(5L, D.minusDays(100), D.minusDays(90), "bounced_bill", -1);
    events.add(5L, D, D.plusDays(1), "capital_increase", 1);
    events.flush();

    Rows applications = new Rows(connection, "guarantee_applications");
    applications.add(5L, D.minusDays(10), "working_capital", 1_000_000L);
    applications.add(5L, D.minusDays(10), "equipment", 2_000_000L);
    applications.add(5L, D.minusDays(200), "working_capital", 1_000_000L);
    applications.add(6L, D.minusDays(10), "working_capital", 1_000_000L);
    applications.add(6L, D.minusDays(365), "working_capital", 1_000_000L); // outside (D-365, D]
    applications.flush();

    Rows defaults = new Rows(connection, "defaults");
    defaults.add(7L, LocalDate.of(2024, 1, 15), "subrogation");
    defaults.flush();
    Rows closures = new Rows(connection, "closures");
    closures.add(8L, D);
    closures.flush();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void normalFirmWithRestatementAfterTheDateAndAPeriodEndingAfterIt() throws SQLException {
    FeatureVector v = both(1, D);
    assertThat(v.tier()).isEqualTo(Tier.FULL);
    assertThat(v.value("sales_growth")).isEqualTo(1.2e8 / 1.0e8 - 1.0);
    assertThat(v.value("cash_days_on_hand")).isEqualTo(2.0e7 / (1.2e8 / 365.0));
    assertThat(v.value("equity_ratio")).isEqualTo(4.0e7 / 1.0e8);
    assertThat(v.value("labour_productivity")).isEqualTo(1.6e7 / 10);
    assertThat(v.value("ebitda_net_debt_multiple")).isEqualTo(2.0e7 / 1.9e7);
    assertThat(v.value("debt_to_monthly_sales")).isEqualTo(4.0);
    assertThat(v.value("insolvent")).isEqualTo(0.0);
    assertThat(v.value("statement_age_days")).isEqualTo(30.0);
    assertThat(v.value("statement_period_age_days")).isEqualTo(91.0);
    assertThat(v.value("has_trial_balance")).isEqualTo(1.0);
    assertThat(v.value("monthly_sales_change_yoy")).isEqualTo(1.2e7 / 1.0e7 - 1.0);
    // after the restatement arrives it replaces the original of the same period
    FeatureVector later = both(1, LocalDate.of(2024, 7, 15));
    assertThat(later.value("sales_growth")).isEqualTo(9.0e7 / 1.0e8 - 1.0);
    assertThat(later.value("statement_age_days")).isEqualTo(0.0);
    // a day before the statement arrives, the previous year is the latest
    FeatureVector before = both(1, LocalDate.of(2024, 5, 30));
    assertThat(before.value("statement_period_age_days")).isEqualTo(426.0); // 2023-03-31 to 2024-05-30, across 29 February
    assertThat(before.value("sales_growth")).isNaN();
  }

  @Test
  void zeroDenominatorsAndZeroEmployees() throws SQLException {
    FeatureVector v = both(2, D);
    assertThat(v.tier()).isEqualTo(Tier.FULL);
    for (String ratio : List.of("interest_burden_to_sales", "non_operating_expense_to_sales",
        "cash_days_on_hand", "operating_margin", "working_capital_turnover_months",
        "debt_to_monthly_sales", "payables_turnover_months", "inventory_turnover_months",
        "ordinary_profit_to_total_capital", "equity_ratio", "labour_productivity",
        "sales_growth")) {
      assertThat(v.value(ratio)).as(ratio).isNaN();
    }
    // EBITDA -4e6 with net debt 2e7: never repaid, the upper bound
    assertThat(v.value("ebitda_net_debt_multiple")).isEqualTo(50.0);
    assertThat(v.value("employees")).isEqualTo(0.0);
  }

  @Test
  void negativeDenominatorsInsolvencyAndNoPriorYear() throws SQLException {
    FeatureVector v = both(3, D);
    assertThat(v.value("cash_days_on_hand")).isNaN();
    assertThat(v.value("equity_ratio")).isNaN();
    assertThat(v.value("insolvent")).isEqualTo(1.0);
    assertThat(v.value("sales_growth")).as("prior statement two years back").isNaN();
    assertThat(v.value("ebitda_net_debt_multiple")).as("loss without net debt").isNaN();
    assertThat(v.value("labour_productivity")).isEqualTo(-5.0e6 / 3);
  }

  @Test
  void youngThinFirm() throws SQLException {
    FeatureVector v = both(4, D);
    assertThat(v.tier()).isEqualTo(Tier.THIN);
    for (int j = 0; j < 16; j++) {
      assertThat(v.value(j)).isNaN();
    }
    assertThat(v.value("firm_age_years")).isCloseTo(121 / 365.25, within(1e-15));
    assertThat(v.value("has_trial_balance")).isEqualTo(0.0);
    assertThat(v.value("monthly_sales_change_yoy")).isNaN();
    assertThat(v.value("inquiries_bank_30d")).as("D-30 is outside (D-30, D]").isEqualTo(2.0);
    assertThat(v.value("inquiries_bank_90d")).isEqualTo(3.0);
    assertThat(v.value("inquiries_bank_ratio_30d")).isEqualTo(3.0);
    assertThat(v.value("inquiries_leasing_365d")).isEqualTo(0.0);
    assertThat(v.value("inquiries_leasing_ratio_90d")).isEqualTo(1.0);
    assertThat(v.value("guarantee_applications_365d")).isEqualTo(0.0);
    assertThat(v.value("guarantee_application_min_interval_days")).isNaN();
    assertThat(v.value("adverse_event_score")).isEqualTo(0.0);
    assertThat(v.value("days_since_lawsuit")).isNaN();
  }

  @Test
  void sameDayEventsWindowsAndDecay() throws SQLException {
    FeatureVector v = both(5, D);
    assertThat(v.value("events_payment_delay_365d")).isEqualTo(2.0);
    assertThat(v.value("days_since_payment_delay")).isEqualTo(0.0);
    assertThat(v.value("events_lawsuit_365d")).as("reported exactly 365 days ago").isEqualTo(0.0);
    assertThat(v.value("days_since_lawsuit"))
        .as("an event 365 days ago is outside the one-year look-back").isNaN();
    assertThat(v.value("days_since_bounced_bill")).isEqualTo(90.0);
    assertThat(v.value("days_since_capital_increase")).as("reported after D").isNaN();
    assertThat(v.value("adverse_events_30d")).isEqualTo(2.0);
    assertThat(v.value("adverse_events_90d")).isEqualTo(2.0);
    assertThat(v.value("adverse_events_365d")).isEqualTo(3.0);
    assertThat(v.value("positive_events_365d")).isEqualTo(0.0);
    assertThat(v.value("adverse_event_score"))
        .isCloseTo(2.0 + 0.5 + Math.pow(0.5, 365 / 90.0), within(1e-12));
    assertThat(v.value("guarantee_applications_365d")).isEqualTo(3.0);
    assertThat(v.value("guarantee_application_min_interval_days")).isEqualTo(0.0);
    FeatureVector six = both(6, D);
    assertThat(six.value("guarantee_applications_365d")).isEqualTo(1.0);
    assertThat(six.value("guarantee_application_min_interval_days")).isNaN();
  }

  @Test
  void industryDefaultRateCountsOnlyTheCohortAndVisibleDefaults() throws SQLException {
    // construction at D-365: firms 1, 2, 7, 8; firm 7 defaulted on 2024-01-15
    assertThat(both(1, D).value("industry_default_rate_1y")).isEqualTo(0.25);
    assertThat(both(5, D).value("industry_default_rate_1y")).isEqualTo(0.0);
    // before firm 7's default the rate is zero: later defaults are invisible
    assertThat(both(1, LocalDate.of(2024, 1, 14)).value("industry_default_rate_1y")).isEqualTo(0.0);
    assertThat(both(10, D).value("industry_default_rate_1y")).as("no cohort").isNaN();
  }

  @Test
  void firmsNotLiveAreLeftOutOfTheBatchAndRefusedByTheSingleFirmPath() throws SQLException {
    FeatureMatrix batch = new BatchFeatures().compute(connection, D);
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < batch.rows(); i++) {
      ids.add(batch.firmId(i));
    }
    assertThat(ids).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 10L);
    SingleFirmFeatures single = new SingleFirmFeatures();
    assertThatThrownBy(() -> single.compute(connection, 7, D))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaulted on 2024-01-15");
    assertThatThrownBy(() -> single.compute(connection, 8, D))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closed on 2024-06-30");
    assertThatThrownBy(() -> single.compute(connection, 9, D))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("founded on 2024-07-01");
    assertThatThrownBy(() -> single.compute(connection, 4242, D))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown firm 4242");
    assertThat(single.compute(connection, 8, D.minusDays(1)).firmId()).isEqualTo(8);
  }

  @Test
  void datesOutsideTheDataRangeAreRefused() {
    LocalDate early = LocalDate.of(2020, 12, 31);
    assertThatThrownBy(() -> new BatchFeatures().compute(connection, early))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2020-12-31 is outside the data range 2021-01-01 to 2025-12-31");
    assertThatThrownBy(() -> new SingleFirmFeatures().compute(connection, 1, LocalDate.of(2026, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2026-01-01 is after the data, which are complete through"
            + " 2025-12-31: ingest the batches through 2026-01-01 first");
  }

  /** Both paths, asserted equal, so every expectation above holds for both. */
  private static FeatureVector both(long firmId, LocalDate asOf) throws SQLException {
    FeatureMatrix batch = new BatchFeatures().compute(connection, asOf);
    int row = batch.find(firmId, asOf);
    assertThat(row).as("firm %d live on %s in the batch", firmId, asOf).isNotNegative();
    FeatureVector single = new SingleFirmFeatures().compute(connection, firmId, asOf);
    assertThat(single).isEqualTo(batch.row(row));
    return single;
  }

  private static void firm(Rows firms, long id, String industry, LocalDate founded, int employees) {
    firms.add(id, "firm " + id, industry, "osaka", founded, employees, 10_000_000L, 5_000_000L,
        0.8, true, false, true);
  }

  private static void statement(Rows rows, long firm, String periodEnd, String availableAt,
      Map<String, Double> overrides) {
    Map<String, Double> v = new HashMap<>();
    v.put("sales", 1.2e8);
    v.put("cost_of_sales", 8.4e7);
    v.put("sga", 2.0e7);
    v.put("operating_income", 1.6e7);
    v.put("non_operating_income", 1.0e6);
    v.put("non_operating_expense", 2.0e6);
    v.put("interest_expense", 1.0e6);
    v.put("ordinary_income", 1.5e7);
    v.put("depreciation", 3.0e6);
    v.put("net_income", 1.0e7);
    v.put("cash", 2.0e7);
    v.put("receivables", 1.5e7);
    v.put("inventory", 7.0e6);
    v.put("current_assets", 4.2e7);
    v.put("fixed_assets", 5.8e7);
    v.put("total_assets", 1.0e8);
    v.put("payables", 7.0e6);
    v.put("short_term_debt", 1.0e7);
    v.put("long_term_debt", 3.0e7);
    v.put("total_liabilities", 6.0e7);
    v.put("net_assets", 4.0e7);
    v.putAll(overrides);
    rows.add(firm, LocalDate.parse(periodEnd), LocalDate.parse(availableAt), v.get("sales"),
        v.get("cost_of_sales"), v.get("sga"), v.get("operating_income"),
        v.get("non_operating_income"), v.get("non_operating_expense"),
        v.get("interest_expense"), v.get("ordinary_income"), v.get("depreciation"),
        v.get("net_income"), v.get("cash"), v.get("receivables"), v.get("inventory"),
        v.get("current_assets"), v.get("fixed_assets"), v.get("total_assets"), v.get("payables"),
        v.get("short_term_debt"), v.get("long_term_debt"), v.get("total_liabilities"),
        v.get("net_assets"));
  }
}
