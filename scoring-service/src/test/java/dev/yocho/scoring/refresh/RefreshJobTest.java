package dev.yocho.scoring.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.bundle.TierModel;
import dev.yocho.scoring.explain.Language;
import dev.yocho.scoring.explain.MoveExplainer;
import dev.yocho.scoring.explain.MoveExplanation;
import dev.yocho.scoring.explain.Reason;
import dev.yocho.scoring.explain.ReasonCodes;
import dev.yocho.scoring.explain.ReasonEvent;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.scoring.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The refresh over the golden universe and bundles: three month-ends, the first two graded by the
 * GBM bundle and the third by the scorecard bundle (a model change), checked against independent
 * computations (tree margins, SQL over the grades table, batch features).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefreshJobTest {
  static final LocalDate D1 = LocalDate.of(2025, 1, 31);
  static final LocalDate D2 = LocalDate.of(2025, 2, 28);
  static final LocalDate D3 = LocalDate.of(2025, 3, 31);

  Path dir;
  Path db;
  Path models;
  ModelStore store;
  FeatureMatrix features;

  @BeforeAll
  void refreshThreeDates() throws Exception {
    dir = Files.createTempDirectory("yocho-refresh-test");
    db = GoldenUniverse.generate(dir);
    models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    store = new ModelStore(models, ScorerOptions.defaults());
    refresh(D1, GoldenUniverse.GBM);
    refresh(D2, GoldenUniverse.GBM);
    refresh(D3, GoldenUniverse.LOGIT);
    try (Connection c = Tables.open(db, true)) {
      features = new BatchFeatures().compute(c, List.of(D1, D2, D3));
    }
  }

  @AfterAll
  void close() {
    store.close();
  }

  private RefreshResult refresh(LocalDate asOf, String version) throws SQLException {
    GoldenUniverse.setCurrent(models, version);
    try (Connection c = Tables.open(db, false)) {
      return new RefreshJob(store, line -> { }, 1).run(c, asOf);
    }
  }

  @Test
  void gradesEveryLiveFirmWithItsTierModelAndCalibratedPd() throws SQLException {
    MasterScale scale = MasterScale.standard();
    List<String> rows = Tables.rows(db,
        "SELECT firm_id, model_version, tier, pd, raw_grade FROM grades WHERE as_of = DATE '" + D2
            + "' ORDER BY firm_id");
    int expected = 0;
    for (int r = 0; r < features.rows(); r++) {
      if (features.asOf(r).equals(D2)) {
        expected++;
      }
    }
    assertThat(rows).hasSize(expected).hasSizeGreaterThan(1000);
    Set<Tier> tiersSeen = new HashSet<>();
    for (String row : rows) {
      String[] c = row.split(" \\| ");
      long firm = Long.parseLong(c[0]);
      int r = features.find(firm, D2);
      assertThat(r).as("firm %d live on %s", firm, D2).isGreaterThanOrEqualTo(0);
      Tier tier = features.tier(r);
      tiersSeen.add(tier);
      assertThat(c[1]).isEqualTo(GoldenUniverse.GBM);
      assertThat(c[2]).isEqualTo(tier.code());
      // independent path: the trees in double precision instead of ONNX Runtime in float
      TierModel model = store.load(GoldenUniverse.GBM).model(tier);
      double margin = model.ensemble().margin(vector(r));
      double pd = scale.floored(model.calibration().pd(margin));
      double stored = Double.parseDouble(c[3]);
      assertThat(stored).as("PD of firm %d", firm).isCloseTo(pd, within(1e-5));
      if (Math.abs(stored - pd) < 1e-12) {
        // the PD's own grade (the published one follows the grade policy)
        assertThat(c[4]).isEqualTo(scale.grade(pd));
      }
    }
    assertThat(tiersSeen).containsExactlyInAnyOrder(Tier.FULL, Tier.THIN);
  }

  @Test
  void transitionsAreExactlyTheFirmsWhoseGradeDiffersFromTheirPreviousRefresh()
      throws SQLException {
    for (LocalDate day : List.of(D2, D3)) {
      // an independent formulation: the previous refresh by a correlated max(as_of); the move is
      // from the row of the refresh that had set the previous grade (its grade_since)
      List<String> expected = Tables.rows(db,
          "SELECT g.firm_id, s.as_of, s.grade, g.grade, s.model_version, g.model_version, s.tier,"
              + " g.tier FROM grades g JOIN grades p ON p.firm_id = g.firm_id AND p.as_of ="
              + " (SELECT max(as_of) FROM grades q WHERE q.firm_id = g.firm_id AND q.as_of < g.as_of)"
              + " JOIN grades s ON s.firm_id = g.firm_id AND s.as_of = p.grade_since"
              + " WHERE g.as_of = DATE '" + day + "' AND p.grade <> g.grade ORDER BY g.firm_id");
      List<String> stored = Tables.rows(db,
          "SELECT firm_id, previous_as_of, grade_from, grade_to, model_from, model_to, tier_from,"
              + " tier_to FROM transitions WHERE as_of = DATE '" + day + "' ORDER BY firm_id");
      assertThat(stored).isEqualTo(expected).hasSizeGreaterThan(5);
      assertThat(Tables.rows(db, "SELECT count(*) FROM explanations WHERE as_of = DATE '" + day
          + "'")).containsExactly(Integer.toString(expected.size()));
    }
    assertThat(Tables.rows(db, "SELECT count(*) FROM transitions WHERE as_of = DATE '" + D1
        + "'")).containsExactly("0");
    assertThat(Tables.rows(db, "SELECT count(*) FROM transitions WHERE notches <>"
        + " CAST(substr(grade_to, 2) AS INTEGER) - CAST(substr(grade_from, 2) AS INTEGER)"
        + " OR basis NOT IN ('new_fact', 'sustained') OR top_cause NOT IN ('new_fact',"
        + " 'window_edge')")).containsExactly("0");
  }

  @Test
  void thePublishedGradeMovesOnlyAsThePolicySays() throws SQLException {
    MasterScale scale = MasterScale.standard();
    int kept = 0;
    int keptAgainstThePd = 0;
    for (LocalDate day : List.of(D2, D3)) {
      // each firm's row, its previous refresh's, and whether a statement or a trial balance (facts
      // that can move the risk either way) arrived in between, by an independent query
      List<String> rows = Tables.rows(db, "SELECT g.firm_id, g.pd, g.grade, g.raw_grade,"
          + " g.grade_since, g.outside_since, p.pd, p.grade, p.grade_since,"
          + " EXISTS (SELECT 1 FROM statements s WHERE s.firm_id = g.firm_id AND s.available_at >"
          + " p.as_of AND s.available_at <= g.as_of) OR EXISTS (SELECT 1 FROM"
          + " monthly_trial_balances t WHERE t.firm_id = g.firm_id AND t.available_at > p.as_of"
          + " AND t.available_at <= g.as_of)"
          + " FROM grades g JOIN grades p ON p.firm_id = g.firm_id AND p.as_of = (SELECT max(as_of)"
          + " FROM grades q WHERE q.as_of < g.as_of) WHERE g.as_of = DATE '" + day + "'");
      assertThat(rows).hasSizeGreaterThan(1000);
      for (String row : rows) {
        String[] c = row.split(" \\| ");
        double pd = Double.parseDouble(c[1]);
        int grade = scale.parse(c[2]);
        double previousPd = Double.parseDouble(c[6]);
        int previousGrade = scale.parse(c[7]);
        boolean financials = Boolean.parseBoolean(c[9]);
        assertThat(c[3]).as("raw grade of firm %s", c[0]).isEqualTo(scale.grade(pd));
        if (grade != previousGrade) {
          // a move publishes the PD's own grade, from outside the widened band, and resets
          assertThat(grade).isEqualTo(scale.gradeNumber(pd));
          assertThat(scale.outsideBand(previousGrade, pd)).isNotZero();
          assertThat(c[4]).isEqualTo(day.toString());
          assertThat(c[5]).isEqualTo("null");
          continue;
        }
        kept++;
        assertThat(c[4]).as("grade_since of firm %s", c[0]).isEqualTo(c[8]);
        int side = scale.outsideBand(grade, pd);
        if (side == 0) {
          assertThat(c[5]).isEqualTo("null");
          continue;
        }
        keptAgainstThePd++;
        // kept outside the band: never 90 days outside, and no statement or trial balance pushed
        // the PD further out
        LocalDate outsideSince = LocalDate.parse(c[5]);
        assertThat(outsideSince.plusDays(90)).isAfter(day);
        boolean towards = side > 0 ? pd > previousPd : pd < previousPd;
        assertThat(financials && towards).as("firm %s kept %s at PD %s", c[0], c[2], pd)
            .isFalse();
      }
    }
    assertThat(kept).isGreaterThan(1000);
    assertThat(keptAgainstThePd).isPositive();
  }

  @Test
  void explanationsSumToTheMarginDifferenceAndUnchangedFeaturesGetExactlyZero()
      throws SQLException {
    int zeroChecks = 0;
    for (MoveExplanation e : storedExplanations(D2)) {
      TreeEnsemble f = store.load(GoldenUniverse.GBM).model(e.tierFrom()).ensemble();
      assertThat(e.from()).isEqualTo(D1);
      double[] xa = vector(features.find(e.firmId(), e.from()));
      double[] xb = vector(features.find(e.firmId(), D2));
      assertThat(e.modelFrom()).isEqualTo(e.modelTo());
      if (e.tierFrom() == e.tierTo()) {
        assertThat(e.modelEffect()).isEqualTo(0.0);
      }
      assertThat(e.logitFrom()).isCloseTo(f.margin(xa), within(1e-12));
      double sum = e.dataEffect() + e.modelEffect();
      assertThat(sum).as("firm %d", e.firmId()).isCloseTo(e.deltaLogit(), within(1e-6));
      for (int j = 0; j < xa.length; j++) {
        if (Float.floatToRawIntBits((float) xa[j]) == Float.floatToRawIntBits((float) xb[j])) {
          assertThat(e.contribution(j)).as("firm %d, unchanged feature %d", e.firmId(), j)
              .isEqualTo(0.0);
          zeroChecks++;
        }
      }
    }
    assertThat(zeroChecks).isGreaterThan(1000);
  }

  @Test
  void aModelChangeSplitsIntoModelEffectAndDataEffectOnTheOldModel() throws SQLException {
    List<MoveExplanation> moves = storedExplanations(D3);
    int withModelEffect = 0;
    for (MoveExplanation e : moves) {
      assertThat(e.modelFrom()).isEqualTo(GoldenUniverse.GBM);
      assertThat(e.modelTo()).isEqualTo(GoldenUniverse.LOGIT);
      TreeEnsemble fOld = store.load(GoldenUniverse.GBM).model(e.tierFrom()).ensemble();
      TreeEnsemble fNew = store.load(GoldenUniverse.LOGIT).model(e.tierTo()).ensemble();
      // the baseline is the refresh that had set the grade, D1 or D2
      assertThat(e.from()).isIn(D1, D2);
      double[] xa = vector(features.find(e.firmId(), e.from()));
      double[] xb = vector(features.find(e.firmId(), D3));
      assertThat(e.logitFrom()).isCloseTo(fOld.margin(xa), within(1e-12));
      assertThat(e.logitTo()).isCloseTo(fNew.margin(xb), within(1e-12));
      assertThat(e.modelEffect()).isCloseTo(fNew.margin(xb) - fOld.margin(xb), within(1e-12));
      assertThat(e.dataEffect()).isCloseTo(fOld.margin(xb) - fOld.margin(xa), within(1e-6));
      assertThat(e.modelEffect() + e.dataEffect()).isCloseTo(e.deltaLogit(), within(1e-6));
      if (e.modelEffect() != 0) {
        withModelEffect++;
      }
    }
    assertThat(moves).hasSizeGreaterThan(20);
    assertThat(withModelEffect).isEqualTo(moves.size());
  }

  @Test
  void reasonsAreTheTopDriversWithCodesInBothLanguagesAndTheEventsBehindThem()
      throws SQLException {
    int eventFacts = 0;
    int inquiryFacts = 0;
    int firstEvents = 0;
    int windowChecks = 0;
    for (LocalDate day : List.of(D2, D3)) {
      for (MoveExplanation e : storedExplanations(day)) {
        double[] phi = e.contributions();
        List<Reason> adverse = e.reasons().stream()
            .filter(r -> r.direction() == Reason.Direction.ADVERSE).toList();
        List<Reason> favourable = e.reasons().stream()
            .filter(r -> r.direction() == Reason.Direction.FAVOURABLE).toList();
        assertThat(adverse).hasSize((int) Math.min(4, count(phi, 1)));
        assertThat(favourable).hasSize((int) Math.min(2, count(phi, -1)));
        assertThat(e.reasons()).extracting(Reason::rank)
            .isEqualTo(rangeClosed(e.reasons().size()));
        double smallestAdverse = adverse.isEmpty() ? Double.POSITIVE_INFINITY
            : adverse.get(adverse.size() - 1).contribution();
        for (double c : phi) {
          if (c > 0 && adverse.stream().noneMatch(r -> r.contribution() == c)) {
            assertThat(c).isLessThanOrEqualTo(smallestAdverse);
          }
        }
        for (Reason r : e.reasons()) {
          int j = FeatureCatalogue.current().require(r.feature());
          assertThat(r.contribution()).isEqualTo(phi[j]);
          assertThat(r.code()).isEqualTo(ReasonCodes.standard().of(j));
          String ja = r.statement(Language.JA) + r.label(Language.JA);
          String en = r.statement(Language.EN) + r.label(Language.EN);
          assertThat(ja).isNotBlank().isNotEqualTo(en).containsPattern("[\\u3040-\\u30ff\\u4e00-\\u9fff]");
          assertThat(en).isNotBlank().matches("[\\x20-\\x7e]+");
          // the reason's text: values in their units, never a raw NaN
          assertThat(r.values(Language.JA)).startsWith(r.label(Language.JA)).doesNotContain("NaN");
          assertThat(r.values(Language.EN)).startsWith(r.label(Language.EN)).doesNotContain("NaN");
          // an inquiry count's change is exactly the inquiries that arrived in its window minus
          // those that left it, as the reason names them (when it names them all)
          if (r.feature().matches("inquiries_[a-z_]+_\\d+d") && !r.feature().contains("ratio")) {
            List<ReasonEvent> arrived = r.events().stream()
                .filter(ev -> ev.kind() == ReasonEvent.Kind.INQUIRY_NEW).toList();
            List<ReasonEvent> left = r.events().stream()
                .filter(ev -> ev.kind() == ReasonEvent.Kind.INQUIRY_LEFT).toList();
            if (arrived.size() < MoveExplainer.FACTS_PER_KIND
                && left.size() < MoveExplainer.FACTS_PER_KIND) {
              double named = arrived.stream().mapToDouble(ReasonEvent::countTo).sum()
                  - left.stream().mapToDouble(ReasonEvent::countFrom).sum();
              assertThat(named).as("firm %d, %s", e.firmId(), r.feature())
                  .isEqualTo(r.valueTo() - r.valueFrom());
              windowChecks++;
            }
          }
          for (ReasonEvent ev : r.events()) {
            assertThat(ev.text(Language.JA)).isNotBlank();
            assertThat(ev.text(Language.EN)).isNotBlank();
            if (ev.kind() == ReasonEvent.Kind.EVENT) {
              eventFacts++;
              assertThat(ev.reportedOn()).isAfter(e.from()).isBeforeOrEqualTo(e.to());
              // "first" exactly when no event of the type was visible at the earlier date
              double daysSinceBefore = features.value(features.find(e.firmId(), e.from()),
                  FeatureCatalogue.current().require("days_since_" + ev.code()));
              if (ev.first()) {
                assertThat(daysSinceBefore).isNaN();
                firstEvents++;
              }
              assertThat(r.feature()).satisfiesAnyOf(
                      f -> assertThat(f).contains(ev.code()),
                      f -> assertThat(f).startsWith("adverse_event"),
                      f -> assertThat(f).startsWith("positive_events"));
            } else if (ev.kind() == ReasonEvent.Kind.STATEMENT
                || ev.kind() == ReasonEvent.Kind.TRIAL_BALANCE) {
              assertThat(ev.reportedOn()).isAfter(e.from()).isBeforeOrEqualTo(e.to());
              assertThat(FeatureCatalogue.current().get(FeatureCatalogue.current()
                  .require(r.feature())).tables()).contains(ev.kind() == ReasonEvent.Kind.STATEMENT
                      ? "statements" : "monthly_trial_balances");
            } else if (ev.kind() == ReasonEvent.Kind.EVENT_LEFT) {
              assertThat(ev.reportedOn()).isAfter(e.from().minusDays(ev.windowDays()))
                  .isBeforeOrEqualTo(e.to().minusDays(ev.windowDays()));
            } else {
              inquiryFacts++;
              assertThat(r.feature()).startsWith("inquiries_" + ev.code() + "_");
              if (ev.kind() == ReasonEvent.Kind.INQUIRY_NEW) {
                assertThat(ev.occurredOn()).isAfter(e.from()).isBeforeOrEqualTo(e.to());
              } else if (ev.kind() == ReasonEvent.Kind.INQUIRY_LEFT) {
                // in the window at the earlier date, out of it at the later
                assertThat(ev.occurredOn()).isAfter(e.from().minusDays(ev.windowDays()))
                    .isBeforeOrEqualTo(e.to().minusDays(ev.windowDays()));
              }
            }
          }
        }
      }
    }
    assertThat(inquiryFacts).isPositive();
    assertThat(eventFacts).isPositive();
    assertThat(firstEvents).isPositive();
    assertThat(windowChecks).isPositive();
  }

  @Test
  void thePreviousGradesAreTheLatestRefreshedDayBeforeTheDate() throws SQLException {
    try (Connection c = Tables.open(db, true)) {
      assertThat(GradeStore.previousGrades(c, D1).size()).isZero();
      assertThat(GradeStore.previousRefresh(c, D1)).isEmpty();
      // a date between two refreshes (a backfill) and a date after the last one
      LocalDate between = D1.plusDays(10);
      LocalDate after = D3.plusDays(3);
      assertThat(GradeStore.previousRefresh(c, between)).contains(D1);
      assertThat(GradeStore.previousRefresh(c, D2)).contains(D1);
      assertThat(GradeStore.previousRefresh(c, D3)).contains(D2);
      assertThat(GradeStore.previousRefresh(c, after)).contains(D3);
      for (LocalDate[] pair : new LocalDate[][] {{between, D1}, {D3, D2}, {after, D3}}) {
        DayGrades previous = GradeStore.previousGrades(c, pair[0]);
        assertThat(previous.day()).isEqualTo(pair[1]);
        List<String> expected = Tables.rows(db, "SELECT firm_id, model_version, tier, pd, grade"
            + " FROM grades WHERE as_of = DATE '" + pair[1] + "' ORDER BY firm_id");
        List<String> got = new ArrayList<>();
        for (GradeRow g : previous.rows()) {
          assertThat(g.asOf()).isEqualTo(pair[1]);
          got.add(g.firmId() + " | " + g.modelVersion() + " | " + g.tier().code() + " | "
              + g.pd() + " | " + g.grade());
          int i = previous.indexOf(g.firmId());
          assertThat(previous.row(i)).isEqualTo(g);
          assertThat(previous.gradeNumber(i)).isEqualTo(GradeRow.gradeNumber(g.grade()));
        }
        assertThat(got).isEqualTo(expected).hasSizeGreaterThan(1000);
        assertThat(previous.indexOf(-1)).isEqualTo(-1);
      }
    }
  }

  @Test
  void aBundleThatFailsVerificationFailsTheRefreshAndWritesNothing() throws Exception {
    // the bundle loads while the features are computed; its fault must still stop the refresh
    Path root = Files.createTempDirectory(dir, "tampered-models");
    Path bundle = root.resolve(GoldenUniverse.GBM);
    GoldenUniverse.copyTree(GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM)
        .resolve(GoldenUniverse.GBM), bundle);
    Files.writeString(bundle.resolve("thin.calibration.json"), " ",
        java.nio.file.StandardOpenOption.APPEND);
    GoldenUniverse.setCurrent(root, GoldenUniverse.GBM);
    List<String> before = Tables.refreshState(db);
    try (ModelStore tampered = new ModelStore(root, ScorerOptions.defaults());
        Connection c = Tables.open(db, false)) {
      RefreshJob job = new RefreshJob(tampered, line -> { }, 1);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> job.run(c, D3.plusDays(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("checksum mismatch for thin.calibration.json");
    }
    assertThat(Tables.difference(Tables.refreshState(db), before)).isEmpty();
    assertThat(Tables.difference(before, Tables.refreshState(db))).isEmpty();
  }

  @Test
  void reRunningADateReplacesExactlyThatDate() throws SQLException {
    List<String> before = Tables.refreshState(db);
    assertThat(before).hasSizeGreaterThan(3000);
    RefreshResult again = refresh(D2, GoldenUniverse.GBM);
    assertThat(Tables.difference(Tables.refreshState(db), before)).isEmpty();
    assertThat(again.firms()).isEqualTo(Integer.parseInt(Tables.rows(db,
        "SELECT count(*) FROM grades WHERE as_of = DATE '" + D2 + "'").get(0)));
    // a different model for D2 changes D2's rows, and only D2's (D3's stored moves stay as written)
    try {
      refresh(D2, GoldenUniverse.LOGIT);
      List<String> changed = Tables.refreshState(db);
      assertThat(changed).isNotEqualTo(before);
      assertThat(Tables.difference(withoutDay(changed, D2), withoutDay(before, D2))).isEmpty();
    } finally {
      refresh(D2, GoldenUniverse.GBM); // restore the state the other tests read
    }
    assertThat(Tables.difference(Tables.refreshState(db), before)).isEmpty();
  }

  @Test
  void scoringGivesIdenticalGradesOnOneThreadOrSeveral() {
    var bundle = store.load(GoldenUniverse.GBM);
    FeatureMatrix day;
    try (Connection c = Tables.open(db, true)) {
      day = new BatchFeatures().compute(c, D2);
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    List<GradeRow> one = RefreshJob.score(bundle, day, D2, 1);
    assertThat(RefreshJob.score(bundle, day, D2, 3)).isEqualTo(one);
    assertThat(one).extracting(GradeRow::firmId).isSorted().doesNotHaveDuplicates();
  }

  private static List<String> withoutDay(List<String> rows, LocalDate day) {
    return rows.stream().filter(r -> !r.split(" \\| ")[1].equals(day.toString())).toList();
  }

  private final java.util.Map<LocalDate, List<MoveExplanation>> explanations =
      new java.util.HashMap<>();

  private List<MoveExplanation> storedExplanations(LocalDate day) throws SQLException {
    List<MoveExplanation> cached = explanations.get(day);
    if (cached != null) {
      return cached;
    }
    List<MoveExplanation> out = new ArrayList<>();
    try (Connection c = Tables.open(db, true)) {
      for (String firm : Tables.rows(c, "SELECT firm_id, previous_as_of FROM transitions WHERE"
          + " as_of = DATE '" + day + "' ORDER BY firm_id")) {
        String[] f = firm.split(" \\| ");
        out.add(GradeStore.storedMove(c, Long.parseLong(f[0]), LocalDate.parse(f[1]), day,
            ReasonCodes.standard()).orElseThrow());
      }
    }
    assertThat(out).isNotEmpty();
    explanations.put(day, List.copyOf(out));
    return out;
  }

  private double[] vector(int row) {
    assertThat(row).isGreaterThanOrEqualTo(0);
    double[] x = new double[features.columns()];
    for (int j = 0; j < x.length; j++) {
      x[j] = features.value(row, j);
    }
    return x;
  }

  private static long count(double[] phi, int sign) {
    long n = 0;
    for (double c : phi) {
      if (Math.signum(c) == sign) {
        n++;
      }
    }
    return n;
  }

  private static List<Integer> rangeClosed(int n) {
    List<Integer> ranks = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ranks.add(i);
    }
    return ranks;
  }
}
