package dev.yocho.features.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.features.model.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureCatalogueTest {
  private final FeatureCatalogue catalogue = FeatureCatalogue.current();

  @Test
  void designRatiosComeFirstInTheDesignOrder() {
    assertThat(catalogue.names().subList(0, 14)).containsExactly(
        "ordinary_profit_to_total_capital", "interest_burden_to_sales",
        "non_operating_expense_to_sales", "cash_days_on_hand", "payables_turnover_months",
        "inventory_turnover_months", "sales_growth", "operating_margin", "labour_productivity",
        "ebitda_net_debt_multiple", "working_capital_turnover_months", "equity_ratio",
        "debt_to_monthly_sales", "insolvent");
    assertThat(catalogue.get(0).labelJa()).isEqualTo("総資本経常利益率");
    assertThat(catalogue.get(catalogue.require("debt_to_monthly_sales")).labelJa())
        .isEqualTo("借入金月商倍率");
  }

  /**
   * Pins the catalogue: changing any definition (order, bounds, labels, formula text) changes the
   * version, and every model bundle trained on the old one must then be refused. Update this value
   * only together with a deliberate catalogue change.
   */
  @Test
  void versionIsPinned() {
    assertThat(catalogue.size()).isEqualTo(82);
    assertThat(catalogue.version()).isEqualTo("fc-6179b6ecf39241ff");
  }

  @Test
  void everyDefinitionIsComplete() {
    for (FeatureDefinition d : catalogue.definitions()) {
      assertThat(d.labelJa()).as(d.name()).isNotBlank();
      assertThat(d.labelEn()).as(d.name()).isNotBlank();
      assertThat(d.formula()).as(d.name()).isNotBlank();
      assertThat(d.missingPolicy()).as(d.name()).isNotBlank();
      assertThat(Schema.OBSERVABLE_TABLES).as(d.name()).containsAll(d.tables());
    }
    assertThat(catalogue.names()).doesNotHaveDuplicates();
  }

  @Test
  void everyFeatureDeclaresADirectionWithAOneLineReason() {
    for (FeatureDefinition d : catalogue.definitions()) {
      assertThat(d.direction()).as(d.name()).isBetween(-1, 1);
      assertThat(d.directionReason()).as(d.name()).isNotBlank()
          .isNotEqualTo(FeatureDefinition.NOT_DECLARED).doesNotContain("\n");
    }
    // the directions credit practice and the generator agree on
    assertThat(direction("equity_ratio")).isEqualTo(-1);
    assertThat(direction("cash_days_on_hand")).isEqualTo(-1);
    assertThat(direction("ordinary_profit_to_total_capital")).isEqualTo(-1);
    assertThat(direction("insolvent")).isEqualTo(1);
    assertThat(direction("adverse_events_365d")).isEqualTo(1);
    assertThat(direction("inquiries_trade_creditor_90d")).isEqualTo(1);
    assertThat(direction("events_new_major_contract_365d")).isEqualTo(-1);
    assertThat(direction("days_since_bounced_bill")).isEqualTo(-1);
    assertThat(direction("guarantee_application_min_interval_days")).isEqualTo(-1);
    assertThat(direction("debt_to_monthly_sales")).isEqualTo(1);
    assertThat(direction("guarantee_coverage")).isZero();
    long directed = catalogue.definitions().stream().filter(d -> d.direction() != 0).count();
    assertThat(catalogue.definitions().stream().filter(d -> d.direction() == 0).map(FeatureDefinition::name))
        .containsExactlyInAnyOrder("payables_turnover_months", "inventory_turnover_months",
            "working_capital_turnover_months", "has_trial_balance", "guarantee_balance_jpy",
            "guarantee_coverage");
    assertThat(directed).isEqualTo(catalogue.size() - 6);
  }

  @Test
  void theDirectionIsPartOfTheCatalogueVersion() {
    FeatureDefinition d = catalogue.get(catalogue.require("equity_ratio"));
    assertThat(d.directed(1, d.directionReason()).canonical()).isNotEqualTo(d.canonical());
    assertThat(d.directed(d.direction(), "another reason").canonical())
        .isNotEqualTo(d.canonical());
    assertThatThrownBy(() -> d.directed(2, "x")).hasMessageContaining("direction");
    assertThatThrownBy(() -> d.directed(1, " ")).hasMessageContaining("reason");
  }

  private int direction(String name) {
    return catalogue.get(catalogue.require(name)).direction();
  }

  @Test
  void winsorisationClampsAndKeepsMissing() {
    FeatureDefinition cashDays = catalogue.get(catalogue.require("cash_days_on_hand"));
    assertThat(cashDays.winsorise(1e9)).isEqualTo(730.0);
    assertThat(cashDays.winsorise(-5)).isEqualTo(0.0);
    assertThat(cashDays.winsorise(12.5)).isEqualTo(12.5);
    assertThat(cashDays.winsorise(Double.NaN)).isNaN();
    assertThat(cashDays.winsorise(Double.POSITIVE_INFINITY)).isEqualTo(730.0);
    FeatureDefinition age = catalogue.get(catalogue.require("firm_age_years"));
    assertThat(age.winsorised()).isFalse();
    assertThat(age.winsorise(1e300)).isEqualTo(1e300);
  }

  @Test
  void badDefinitionsAndNamesAreRefused() {
    assertThatThrownBy(() -> new FeatureDefinition("Bad Name", "x", "x", "x", "x", 0, 1, "x",
        List.of("firms"))).hasMessageContaining("'Bad Name'");
    assertThatThrownBy(() -> new FeatureDefinition("ok", "x", "x", "x", "x", 1, 0, "x",
        List.of("firms"))).hasMessageContaining("bounds");
    assertThatThrownBy(() -> catalogue.require("no_such_feature"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_feature");
  }
}
