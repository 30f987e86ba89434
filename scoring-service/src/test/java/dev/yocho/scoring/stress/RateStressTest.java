package dev.yocho.scoring.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Databases;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.bundle.ModelBundle;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.GoldenUniverse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interest-rate stress on the golden universe: the added interest and the profit after it are the
 * arithmetic on each firm's latest statement; the features see exactly that interest; firms
 * without a statement keep their PD; the unstressed PDs are the refresh's; nothing is written.
 */
class RateStressTest {
  static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
  @TempDir static Path dir;
  static Path db;
  static Path models;

  @BeforeAll
  static void universe() {
    db = GoldenUniverse.generate(dir);
    models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
  }

  @Test
  void addedInterestProfitAfterItAndTheStressedFeaturesFollowTheStatements() throws Exception {
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection c = Databases.openReadOnly(db)) {
      ModelBundle bundle = store.current();
      String before = digest(c);
      RateStress.Result result = RateStress.run(c, bundle, AS_OF, List.of(0.5, 2.0));
      assertThat(digest(c)).as("the stored statements are untouched").isEqualTo(before);
      assertThat(result.scenarios()).hasSize(2);

      // each firm's latest statement known on the date, read here by hand
      Map<Long, long[]> latest = new HashMap<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT firm_id, short_term_debt + long_term_debt,"
              + " ordinary_income, interest_expense, sales FROM statements WHERE period_end <="
              + " DATE '2025-12-31' AND available_at <= DATE '2025-12-31'"
              + " QUALIFY row_number() OVER (PARTITION BY firm_id"
              + " ORDER BY period_end DESC, available_at DESC) = 1")) {
        while (rs.next()) {
          latest.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
              rs.getLong(5)});
        }
      }
      RateStress.Scenario two = result.scenarios().get(1);
      int checked = 0;
      int profitable = 0;
      int toLoss = 0;
      double added = 0;
      for (RateStress.FirmStress f : two.perFirm()) {
        long[] s = latest.get(f.firmId());
        if (s == null) {
          assertThat(f.addedInterestJpy()).isNull();
          if (f.tier() == Tier.THIN) {
            // no statement is read: the stressed inputs are the unstressed ones
            assertThat(f.stressedPd()).as("firm " + f.firmId()).isEqualTo(f.pd());
          }
          continue;
        }
        long expected = Math.round(s[0] * 0.02);
        assertThat(f.addedInterestJpy()).as("firm " + f.firmId()).isEqualTo(expected);
        assertThat(f.ordinaryProfitAfterJpy()).isEqualTo(s[1] - expected);
        added += expected;
        if (s[1] > 0) {
          profitable++;
          toLoss += s[1] - expected <= 0 ? 1 : 0;
        }
        checked++;
      }
      assertThat(checked).isEqualTo(two.firmsWithStatement()).isGreaterThan(1000);
      assertThat(two.meanAddedInterestJpy()).isCloseTo(added / checked, within(1e-6));
      assertThat(two.shareTurningToLoss()).isEqualTo(toLoss / (double) profitable);
      // a larger rise adds proportionally more and turns at least as many firms to a loss
      RateStress.Scenario half = result.scenarios().get(0);
      assertThat(two.meanAddedInterestJpy()).isCloseTo(4 * half.meanAddedInterestJpy(),
          within(1.0));
      assertThat(two.shareTurningToLoss()).isGreaterThanOrEqualTo(half.shareTurningToLoss());
      assertThat(two.ordinaryProfitChange()).isLessThan(half.ordinaryProfitChange()).isNegative();
      // the migration matrix counts every firm once
      long total = 0;
      for (long[] row : two.migration()) {
        for (long v : row) {
          total += v;
        }
      }
      assertThat(total).isEqualTo(result.firms());
    }
  }

  @Test
  void theStressedFeaturesCarryTheAddedInterestAndTheBaselineIsTheRefreshs() throws Exception {
    CliRun refresh = CliRun.of("refresh", "--db", db.toString(), "--models", models.toString(),
        "--as-of", AS_OF.toString(), "--quiet");
    assertThat(refresh.exitCode()).as(refresh.stderr()).isZero();
    Map<Long, Double> refreshed = new HashMap<>();
    try (Connection c = Databases.openReadOnly(db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT firm_id, pd FROM grades WHERE as_of = DATE"
            + " '2025-12-31'")) {
      while (rs.next()) {
        refreshed.put(rs.getLong(1), rs.getDouble(2));
      }
    }
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection c = Databases.openReadOnly(db)) {
      RateStress.Result result = RateStress.run(c, store.current(), AS_OF, List.of(1.0));
      assertThat(result.firms()).isEqualTo(refreshed.size());
      for (RateStress.FirmStress f : result.scenarios().get(0).perFirm()) {
        assertThat(f.pd()).as("firm " + f.firmId()).isEqualTo(refreshed.get(f.firmId()));
      }
      // the feature the rise must move: interest burden to sales, recomputed from the statement
      FeatureMatrix base = new BatchFeatures().compute(c, AS_OF);
      int column = FeatureCatalogue.current().names().indexOf("interest_burden_to_sales");
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TEMP TABLE statements AS SELECT * REPLACE (interest_expense + CAST("
            + "round((short_term_debt + long_term_debt) * 0.01) AS BIGINT) AS interest_expense)"
            + " FROM \"universe\".main.statements");
      }
      FeatureMatrix stressed = new BatchFeatures().compute(c, AS_OF);
      int rose = 0;
      for (int r = 0; r < base.rows(); r++) {
        double b = base.value(r, column);
        double s = stressed.value(r, column);
        if (!Double.isNaN(b)) {
          assertThat(s).as("firm " + base.firmId(r)).isGreaterThanOrEqualTo(b);
          rose += s > b ? 1 : 0;
        }
      }
      assertThat(rose).isGreaterThan(1000);
    }
  }

  @Test
  void theCommandPrintsTheTableAndRefusesABadRate() throws Exception {
    CliRun run = CliRun.of("stress", "--db", db.toString(), "--models", models.toString(),
        "--as-of", "2025-12-31", "--rate", "+0.25,+1", "--json");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("as_of").asText()).isEqualTo("2025-12-31");
    JsonNode scenarios = json.get("scenarios");
    assertThat(scenarios).hasSize(2);
    assertThat(scenarios.get(0).get("rate_rise").asDouble()).isEqualTo(0.25);
    assertThat(scenarios.get(0).get("published").get("mean_added_interest_jpy").asLong())
        .isEqualTo(680_000);
    for (String key : new String[] {"firms", "mean_added_interest_jpy", "ordinary_profit_change",
        "share_turning_to_loss", "mean_pd", "expected_defaults", "migration"}) {
      assertThat(scenarios.get(1).has(key)).as(key).isTrue();
    }
    CliRun bad = CliRun.of("stress", "--db", db.toString(), "--models", models.toString(),
        "--as-of", "2025-12-31", "--rate", "+0.5,abc");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("--rate").contains("abc").doesNotContain("Exception");
    CliRun outside = CliRun.of("stress", "--db", db.toString(), "--models", models.toString(),
        "--as-of", "2031-01-01");
    assertThat(outside.exitCode()).isEqualTo(2);
  }

  private static String digest(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) || ' ' || sum(hash(s)) FROM"
            + " main.statements s")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
