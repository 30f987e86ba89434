package dev.yocho.scoring.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.scoring.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's first target on a real refresh: no stored explanation contradicts the facts it cites.
 * The golden bundles are monotone in every directed feature (the catalogue's risk directions), so
 * every baseline-Shapley contribution of a directed feature has the sign of direction × (value
 * after − value before), or is 0 — a monotone function's marginal differences all share that sign.
 * Checked on every stored contribution (all features of every transition) and on every stored
 * reason, over daily refreshes of the GBM bundle and a switch to the scorecard bundle.
 */
class DirectedReasonsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noStoredContributionOrReasonOfADirectedFeatureContradictsItsChange() throws Exception {
    Path dir = Files.createTempDirectory("yocho-directed-reasons");
    Path db = GoldenUniverse.generate(dir);
    Path models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    List<LocalDate> dates = new ArrayList<>();
    dates.add(LocalDate.of(2025, 10, 31));
    dates.add(LocalDate.of(2025, 11, 30));
    for (int day = 20; day <= 31; day++) {
      dates.add(LocalDate.of(2025, 12, day));
    }
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults())) {
      for (LocalDate d : dates) {
        // the last two days are graded by the scorecard: its moves are explained on its own trees
        GoldenUniverse.setCurrent(models,
            d.isAfter(LocalDate.of(2025, 12, 29)) ? GoldenUniverse.LOGIT : GoldenUniverse.GBM);
        try (Connection c = Tables.open(db, false)) {
          new RefreshJob(store, line -> { }, 1).run(c, d);
        }
      }
    }
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    FeatureMatrix features;
    try (Connection c = Tables.open(db, true)) {
      features = new BatchFeatures().compute(c, dates);
    }

    int transitions = 0;
    int checkedContributions = 0;
    int nonZeroDirected = 0;
    int checkedReasons = 0;
    List<String> contradictions = new ArrayList<>();
    try (Connection c = Tables.open(db, true);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT as_of, previous_as_of, firm_id, catalogue_version,"
            + " contributions, reasons FROM explanations ORDER BY as_of, firm_id")) {
      while (rs.next()) {
        transitions++;
        LocalDate asOf = rs.getDate(1).toLocalDate();
        LocalDate previous = rs.getDate(2).toLocalDate();
        long firm = rs.getLong(3);
        assertThat(rs.getString(4)).isEqualTo(catalogue.version());
        Array array = rs.getArray(5);
        Object[] stored = (Object[]) array.getArray();
        int before = features.find(firm, previous);
        int after = features.find(firm, asOf);
        assertThat(before).isGreaterThanOrEqualTo(0);
        assertThat(after).isGreaterThanOrEqualTo(0);
        for (int j = 0; j < catalogue.size(); j++) {
          int direction = catalogue.get(j).direction();
          double from = features.value(before, j);
          double to = features.value(after, j);
          if (direction == 0 || Double.isNaN(from) || Double.isNaN(to)) {
            continue; // no direction, or a missing value (not ordered)
          }
          double contribution = ((Number) stored[j]).doubleValue();
          checkedContributions++;
          if (contribution != 0) {
            nonZeroDirected++;
          }
          if (contradicts(direction, from, to, contribution)) {
            contradictions.add(firm + " " + previous + "->" + asOf + " "
                + catalogue.get(j).name() + " " + from + "->" + to + ": " + contribution);
          }
        }
        for (JsonNode reason : JSON.readTree(rs.getString(6))) {
          int j = catalogue.require(reason.get("feature").asText());
          int direction = catalogue.get(j).direction();
          JsonNode from = reason.get("value_from");
          JsonNode to = reason.get("value_to");
          if (direction == 0 || from.isNull() || to.isNull()) {
            continue;
          }
          checkedReasons++;
          if (contradicts(direction, from.asDouble(), to.asDouble(),
              reason.get("contribution").asDouble())) {
            contradictions.add("reason " + firm + " " + asOf + " " + reason);
          }
        }
      }
    }
    // the grade policy (gp-2026.1) moves fewer grades than the raw PD grade would: 88 here
    assertThat(transitions).as("transitions explained").isGreaterThan(50);
    assertThat(nonZeroDirected).as("non-zero directed contributions").isGreaterThan(300);
    assertThat(checkedContributions).isGreaterThan(nonZeroDirected);
    assertThat(checkedReasons).as("reasons citing a directed feature").isGreaterThan(100);
    assertThat(contradictions).isEmpty();
  }

  /** Whether a contribution has the sign opposite to direction × (to − from), values as float. */
  static boolean contradicts(int direction, double from, double to, double contribution) {
    int change = Float.compare((float) to, (float) from);
    return direction * change * Math.signum(contribution) < 0
        || (change == 0 && contribution != 0);
  }
}
