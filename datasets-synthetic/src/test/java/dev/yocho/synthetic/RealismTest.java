package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** DESIGN section 9's realism targets, each within the foundation issue's tolerance. */
class RealismTest {
  private static Realism.Report report;

  @BeforeAll
  static void measure() throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + DefaultUniverse.database())) {
      report = Realism.measure(conn);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTargetIsWithinTolerance() {
    return report.targets().stream().map(t -> DynamicTest.dynamicTest(t.name(), () ->
        assertThat(t.measured())
            .as("%s (%s) must lie in [%s, %s]", t.name(), t.description(), t.low(), t.high())
            .isBetween(t.low(), t.high())));
  }

  @Test
  void everyTargetOfTheIssueIsMeasured() {
    List<String> names = report.targets().stream().map(Realism.Target::name).toList();
    assertThat(names).containsExactlyInAnyOrder(
        "share_le2_employees", "annual_default_rate", "construction_share_of_defaults",
        "accommodation_share_of_defaults", "under10_share_of_defaults", "insolvent_share",
        "rate_rise_25bp_loss_share", "rate_rise_100bp_loss_share", "rate_rise_200bp_loss_share",
        "full_guarantee_share_of_balances", "inquiry_rise_before_default",
        "truth_pd_calibration", "oracle_auc");
  }

  @Test
  void averageBorrowingRateIsAboutOnePercent() {
    assertThat(report.borrowingRate()).isBetween(0.008, 0.013);
  }

  @Test
  void everyYearHasDefaultsAndTheDownturnYearIsTheWorstOrNearIt() {
    assertThat(report.years()).hasSize(5);
    assertThat(report.years()).allSatisfy(y -> assertThat(y.defaults()).isPositive());
    double downturn = report.years().get(1).rate();
    double first = report.years().get(0).rate();
    // the downturn (the window's second year) lifts defaults above the calm first year
    assertThat(downturn + report.years().get(2).rate()).isGreaterThan(2 * first);
  }

  @Test
  void theManifestDocumentsTheTruthSimulation() throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + DefaultUniverse.database())) {
      assertThat(Realism.info(conn, "truth_manifest", "truth_paths"))
          .isEqualTo(Integer.toString(TruthSimulator.PATHS));
      double se = Double.parseDouble(Realism.info(conn, "truth_manifest", "truth_mean_standard_error"));
      assertThat(se).isPositive().isLessThan(0.002);
      assertThat(Double.parseDouble(Realism.info(conn, "truth_manifest", "oracle_auc")))
          .isEqualTo(DefaultUniverse.result().oracleAuc());
    }
  }
}
