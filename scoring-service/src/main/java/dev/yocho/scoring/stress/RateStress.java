package dev.yocho.scoring.stress;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.Tier;
import dev.yocho.features.model.Schema;
import dev.yocho.scoring.bundle.ModelBundle;
import dev.yocho.scoring.refresh.GradeRow;
import dev.yocho.scoring.refresh.RefreshJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Re-grades the portfolio as of a date under interest-rate rises. For each rise r (percentage
 * points), every statement's interest expense grows by r × its interest-bearing debt (short- plus
 * long-term debt), and its ordinary and net income fall by as much; the features are recomputed
 * from those statements by the same feature SQL (a connection-local table shadows the stored one)
 * and scored by the same bundle and master scale as the refresh. Firms without a statement keep
 * their inputs (their features do not read statements).
 *
 * <p>Per scenario: the mean added interest per firm with a statement, the change of their total
 * ordinary profit, the share of profitable firms that turn to a loss (the bureaus' table), the
 * mean stressed PD, the expected defaults (sum of PDs over every live firm) and the migration
 * matrix from the unstressed grade to the stressed one.
 */
public final class RateStress {
  /** Teikoku Databank's published 2025 figures (per +0.25, +0.5, +1, +2 points). */
  public static final Map<Double, Published> TEIKOKU_2025 = Map.of(
      0.25, new Published(680_000, -0.021, 0.018),
      0.5, new Published(1_350_000, -0.042, 0.036),
      1.0, new Published(2_710_000, -0.085, 0.066),
      2.0, new Published(5_420_000, -0.169, 0.115));

  /** A published figure: mean added interest per firm, ordinary profit change, share to a loss. */
  public record Published(long meanAddedInterestJpy, double ordinaryProfitChange,
      double shareTurningToLoss) {}

  /** One firm under one scenario. */
  public record FirmStress(long firmId, Tier tier, double pd, String grade, double stressedPd,
      String stressedGrade, Long addedInterestJpy, Long ordinaryProfitAfterJpy) {}

  /** One scenario's portfolio figures and its firms. */
  public record Scenario(double risePoints, int firms, int firmsWithStatement,
      double meanAddedInterestJpy, double ordinaryProfitChange, double shareTurningToLoss,
      double meanPd, double expectedDefaults, long[][] migration, List<FirmStress> perFirm) {
    /** Firms whose stressed grade is riskier than their unstressed one. */
    public long downgraded() {
      long n = 0;
      for (int i = 0; i < migration.length; i++) {
        for (int j = i + 1; j < migration.length; j++) {
          n += migration[i][j];
        }
      }
      return n;
    }

    /** Firms whose stressed grade is safer than their unstressed one. */
    public long upgraded() {
      long n = 0;
      for (int i = 0; i < migration.length; i++) {
        for (int j = 0; j < i; j++) {
          n += migration[i][j];
        }
      }
      return n;
    }
  }

  /** The baseline (no rise) and the scenarios. */
  public record Result(LocalDate asOf, String modelVersion, int firms, double meanPd,
      double expectedDefaults, List<Scenario> scenarios, double seconds) {}

  private RateStress() {}

  public static Result run(Connection connection, ModelBundle bundle, LocalDate asOf,
      List<Double> risePoints) throws SQLException {
    long started = System.nanoTime();
    for (double r : risePoints) {
      if (!(r > 0 && r <= 20)) {
        throw new IllegalArgumentException("a rate rise must be in (0, 20] percentage points, was "
            + r);
      }
    }
    MasterScale scale = bundle.masterScale();
    FeatureMatrix base = new BatchFeatures().compute(connection, asOf);
    double[] basePd = score(bundle, base);
    Map<Long, long[]> facts = latestStatements(connection, asOf);
    String catalog = catalog(connection);
    List<Scenario> scenarios = new ArrayList<>();
    try {
      for (double rise : risePoints) {
        try (Statement st = connection.createStatement()) {
          st.execute(Schema.resource(RateStress.class, "stressed_statements.sql")
              .replace("{rise}", String.format(Locale.ROOT, "%.10f", rise / 100))
              .replace("{catalog}", '"' + catalog.replace("\"", "\"\"") + '"'));
        }
        FeatureMatrix stressed = new BatchFeatures().compute(connection, asOf);
        if (stressed.rows() != base.rows()) {
          throw new IllegalStateException("stressed features have " + stressed.rows()
              + " rows, unstressed " + base.rows());
        }
        double[] pd = score(bundle, stressed);
        scenarios.add(scenario(rise, base, basePd, pd, facts, scale));
      }
    } finally {
      try (Statement st = connection.createStatement()) {
        st.execute("DROP TABLE IF EXISTS temp.main.statements");
      }
    }
    double sum = 0;
    for (double p : basePd) {
      sum += p;
    }
    return new Result(asOf, bundle.version(), base.rows(), base.rows() == 0 ? 0 : sum / base.rows(),
        sum, List.copyOf(scenarios), (System.nanoTime() - started) / 1e9);
  }

  private static Scenario scenario(double rise, FeatureMatrix base, double[] basePd, double[] pd,
      Map<Long, long[]> facts, MasterScale scale) {
    int grades = scale.gradeCount();
    long[][] migration = new long[grades][grades];
    List<FirmStress> perFirm = new ArrayList<>(base.rows());
    double sumPd = 0;
    long withStatement = 0;
    double addedTotal = 0;
    double ordinaryBefore = 0;
    int profitable = 0;
    int toLoss = 0;
    for (int r = 0; r < base.rows(); r++) {
      long firm = base.firmId(r);
      String g0 = scale.grade(basePd[r]);
      String g1 = scale.grade(pd[r]);
      migration[scale.gradeNumber(basePd[r]) - 1][scale.gradeNumber(pd[r]) - 1]++;
      sumPd += pd[r];
      long[] f = facts.get(firm);
      Long added = null;
      Long after = null;
      if (f != null) {
        added = Math.round(f[0] * rise / 100);
        after = f[1] - added;
        withStatement++;
        addedTotal += added;
        ordinaryBefore += f[1];
        if (f[1] > 0) {
          profitable++;
          toLoss += after <= 0 ? 1 : 0;
        }
      }
      perFirm.add(new FirmStress(firm, base.tier(r), basePd[r], g0, pd[r], g1, added, after));
    }
    return new Scenario(rise, base.rows(), (int) withStatement,
        withStatement == 0 ? 0 : addedTotal / withStatement,
        ordinaryBefore > 0 ? -addedTotal / ordinaryBefore : Double.NaN,
        profitable == 0 ? 0 : toLoss / (double) profitable,
        base.rows() == 0 ? 0 : sumPd / base.rows(), sumPd, migration, List.copyOf(perFirm));
  }

  /**
   * The PD of every row, by the refresh's own scoring ({@link RefreshJob#score}: the row's tier
   * model, its calibration and the master scale's floor), in row order.
   */
  static double[] score(ModelBundle bundle, FeatureMatrix features) {
    List<GradeRow> rows = RefreshJob.score(bundle, features, features.rows() == 0 ? null
        : features.asOf(0), 1);
    double[] pd = new double[rows.size()];
    for (int r = 0; r < pd.length; r++) {
      pd[r] = rows.get(r).pd();
    }
    return pd;
  }

  private static Map<Long, long[]> latestStatements(Connection connection, LocalDate asOf)
      throws SQLException {
    Map<Long, long[]> out = new HashMap<>();
    try (PreparedStatement ps = connection.prepareStatement(
        Schema.resource(RateStress.class, "latest_statements.sql"))) {
      ps.setObject(1, asOf);
      ps.setObject(2, asOf);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    return out;
  }

  private static String catalog(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** The portfolio table of a result as JSON (the {@code --json} keys of {@code yocho stress}). */
  public static Map<String, Object> toJson(Result result, MasterScale scale) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", result.asOf().toString());
    out.put("model_version", result.modelVersion());
    out.put("firms", result.firms());
    out.put("mean_pd", result.meanPd());
    out.put("expected_defaults", result.expectedDefaults());
    List<Map<String, Object>> list = new ArrayList<>();
    for (Scenario s : result.scenarios()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rate_rise", s.risePoints());
      m.put("firms", s.firms());
      m.put("firms_with_statement", s.firmsWithStatement());
      m.put("mean_added_interest_jpy", Math.round(s.meanAddedInterestJpy()));
      m.put("ordinary_profit_change", Double.isNaN(s.ordinaryProfitChange()) ? null
          : s.ordinaryProfitChange());
      m.put("share_turning_to_loss", s.shareTurningToLoss());
      m.put("mean_pd", s.meanPd());
      m.put("expected_defaults", s.expectedDefaults());
      long down = s.downgraded();
      long up = s.upgraded();
      Map<String, Object> migration = new LinkedHashMap<>();
      migration.put("downgraded", down);
      migration.put("upgraded", up);
      migration.put("unchanged", s.firms() - down - up);
      List<String> labels = new ArrayList<>();
      for (int g = 1; g <= scale.gradeCount(); g++) {
        labels.add(scale.label(g));
      }
      migration.put("grades", labels);
      List<List<Long>> matrix = new ArrayList<>();
      for (long[] row : s.migration()) {
        List<Long> r = new ArrayList<>();
        for (long v : row) {
          r.add(v);
        }
        matrix.add(r);
      }
      migration.put("matrix", matrix);
      m.put("migration", migration);
      Published p = TEIKOKU_2025.get(s.risePoints());
      if (p != null) {
        Map<String, Object> pub = new LinkedHashMap<>();
        pub.put("source", "Teikoku Databank 2025 (published survey of firms' financials)");
        pub.put("mean_added_interest_jpy", p.meanAddedInterestJpy());
        pub.put("ordinary_profit_change", p.ordinaryProfitChange());
        pub.put("share_turning_to_loss", p.shareTurningToLoss());
        m.put("published", pub);
      }
      list.add(m);
    }
    out.put("scenarios", list);
    out.put("seconds", result.seconds());
    return out;
  }
}
