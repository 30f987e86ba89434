package dev.yocho.training.backtest;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.metrics.Auc;
import dev.yocho.training.backtest.stats.AucDeclineTest;
import dev.yocho.training.backtest.stats.BinomialTest;
import dev.yocho.training.backtest.stats.DeLong;
import dev.yocho.training.backtest.stats.Herfindahl;
import dev.yocho.training.backtest.stats.HosmerLemeshow;
import dev.yocho.training.backtest.stats.Jeffreys;
import dev.yocho.training.backtest.stats.MigrationMatrix;
import dev.yocho.training.backtest.stats.Psi;
import dev.yocho.training.validation.Validation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number of the validation report from the scored dates: per as-of date and pooled over
 * all dates. Labelled rows are the live firms not censored by a closure within the year (DESIGN
 * section 4); distributions (grades, PSI, concentration) cover every scored (live) firm.
 * Non-finite values are written as JSON null.
 */
final class BacktestMetrics {
  /** Points kept of the pooled ROC and CAP curves (the charts need no more). */
  static final int CURVE_POINTS = 201;

  private final BacktestOptions options;
  private final Map<String, PsiReference> references;

  BacktestMetrics(BacktestOptions options, Map<String, PsiReference> references) {
    this.options = options;
    this.references = references;
  }

  Map<String, Object> compute(List<Backtest.DateScores> dates) {
    MasterScale scale = dates.get(0).model().scale();
    int grades = scale.gradeCount();
    List<Map<String, Object>> perDate = new ArrayList<>();
    DeLong first = null;
    String firstDate = null;
    int pooledRows = 0;
    for (Backtest.DateScores d : dates) {
      pooledRows += labelled(d);
    }
    double[] poolPd = new double[pooledRows];
    boolean[] poolY = new boolean[pooledRows];
    byte[] poolGrade = new byte[pooledRows];
    double[] poolTruth = new double[pooledRows];
    boolean[] poolHonest = new boolean[pooledRows];
    int at = 0;
    boolean truth = dates.get(0).truth() != null;
    for (Backtest.DateScores d : dates) {
      int n = labelled(d);
      double[] pd = new double[n];
      boolean[] y = new boolean[n];
      byte[] g = new byte[n];
      double[] t = new double[n];
      for (int i = 0, k = 0; i < d.live(); i++) {
        if (d.censored()[i]) {
          continue;
        }
        pd[k] = d.pd()[i];
        y[k] = d.defaulted()[i];
        g[k] = d.grade()[i];
        t[k] = truth ? d.truth()[i] : Double.NaN;
        k++;
      }
      System.arraycopy(pd, 0, poolPd, at, n);
      System.arraycopy(y, 0, poolY, at, n);
      System.arraycopy(g, 0, poolGrade, at, n);
      System.arraycopy(t, 0, poolTruth, at, n);
      Arrays.fill(poolHonest, at, at + n, !labelsOverlapTraining(d.asOf(), d.model()));
      at += n;

      Map<String, Object> m = new LinkedHashMap<>();
      m.put("as_of", d.asOf().toString());
      m.put("model_version", d.model().version());
      // a date inside the scoring model's training window is in sample, not a test of the model
      m.put("in_training_window", !d.asOf().isBefore(d.model().trainFrom())
          && !d.asOf().isAfter(d.model().trainTo()));
      // DESIGN section 13: a figure counts only if every training label was observed before this
      // date's label window (asOf, asOf + 365 days] begins
      boolean overlap = labelsOverlapTraining(d.asOf(), d.model());
      m.put("labels_overlap_training", overlap);
      m.put("live", d.live());
      m.put("censored", d.live() - n);
      m.put("firms", n);
      DeLong delong = DeLong.of(pd, y);
      m.putAll(discrimination(pd, y, delong, grades, g, truth ? t : null));
      if (first == null && !Double.isNaN(delong.auc())) {
        first = delong;
        firstDate = d.asOf().toString();
      }
      Map<String, Object> decline = new LinkedHashMap<>();
      if (first != null) {
        AucDeclineTest test = AucDeclineTest.of(first.auc(), delong.auc(), delong.standardError());
        decline.put("initial_as_of", firstDate);
        decline.put("initial_auc", num(first.auc()));
        decline.put("z", num(test.z()));
        decline.put("p_value", num(test.pValue()));
      }
      m.put("auc_decline_vs_first", decline);
      long[] distribution = new long[grades];
      for (byte grade : d.grade()) {
        distribution[grade - 1]++;
      }
      m.put("grade_distribution", gradeCounts(scale, distribution));
      Herfindahl h = Herfindahl.of(distribution);
      m.put("herfindahl", herfindahl(h));
      PsiReference ref = references.get(d.model().version());
      m.put("psi_score", num(Psi.of(ref.gradeCounts, distribution)));
      Map<String, Object> psiFeatures = new LinkedHashMap<>();
      List<String> moderate = new ArrayList<>();
      List<String> significant = new ArrayList<>();
      List<String> names = PsiReference.featureNames();
      for (int j = 0; j < names.size(); j++) {
        double psi = Psi.of(ref.featureCounts[j], d.featureBins()[j]);
        psiFeatures.put(names.get(j), num(psi));
        if (psi >= options.psiSignificant()) {
          significant.add(names.get(j));
        } else if (psi >= options.psiModerate()) {
          moderate.add(names.get(j));
        }
      }
      m.put("psi_features", psiFeatures);
      m.put("psi_moderate", moderate);
      m.put("psi_significant", significant);
      perDate.add(m);
    }

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("per_date", perDate);
    Map<String, Object> pooled = new LinkedHashMap<>();
    pooled.put("firm_months", pooledRows);
    DeLong delong = DeLong.of(poolPd, poolY);
    pooled.putAll(discrimination(poolPd, poolY, delong, grades, poolGrade, truth ? poolTruth : null));
    pooled.put("note", "pooled over as-of dates; a firm appears once per date, so the DeLong"
        + " interval treats correlated firm-months as independent and is too narrow");
    out.put("pooled", pooled);
    out.put("honest", honest(dates, poolPd, poolY, poolGrade, poolTruth, poolHonest, grades,
        truth));
    out.put("curves", curves(poolPd, poolY));
    out.put("migrations", migrations(dates, grades, scale));
    return out;
  }

  /**
   * The headline: pooled over the dates whose labels do not overlap the scoring model's training
   * labels (DESIGN section 13), with the dates it covers; {@code null} figures when there is none.
   */
  private static Map<String, Object> honest(List<Backtest.DateScores> dates, double[] pd,
      boolean[] y, byte[] grade, double[] truth, boolean[] honest, int grades, boolean withTruth) {
    int n = 0;
    for (boolean h : honest) {
      n += h ? 1 : 0;
    }
    double[] p = new double[n];
    boolean[] l = new boolean[n];
    byte[] g = new byte[n];
    double[] t = new double[n];
    for (int i = 0, k = 0; i < honest.length; i++) {
      if (honest[i]) {
        p[k] = pd[i];
        l[k] = y[i];
        g[k] = grade[i];
        t[k] = truth[i];
        k++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> included = new ArrayList<>();
    List<String> overlapping = new ArrayList<>();
    for (Backtest.DateScores d : dates) {
      (labelsOverlapTraining(d.asOf(), d.model()) ? overlapping : included).add(d.asOf().toString());
    }
    m.put("protocol", "purged out of time: every date's scoring model was fitted only on as-of"
        + " dates A with A + 365 days <= the date, so no training label overlaps its label window");
    m.put("dates", included);
    m.put("excluded_dates_labels_overlap_training", overlapping);
    m.put("firm_months", n);
    if (n > 0) {
      m.putAll(discrimination(p, l, DeLong.of(p, l), grades, g, withTruth ? t : null));
    }
    return m;
  }

  /**
   * Whether the label window of {@code asOf}, (asOf, asOf + 365 days], overlaps the label window
   * of any of the model's training as-of dates A in [trainFrom, trainTo]: two windows of 365 days
   * overlap when their starts are less than 365 days apart. A date that does not overlap is an
   * honest test of the model (DESIGN section 13: A + 365 days <= asOf for every A).
   */
  static boolean labelsOverlapTraining(LocalDate asOf, ScoringModel model) {
    return asOf.isBefore(model.trainTo().plusDays(365))
        && asOf.plusDays(365).isAfter(model.trainFrom());
  }

  private static int labelled(Backtest.DateScores d) {
    int n = 0;
    for (boolean c : d.censored()) {
      n += c ? 0 : 1;
    }
    return n;
  }

  /** Discrimination, calibration and the grade table of labelled rows. */
  private static Map<String, Object> discrimination(double[] pd, boolean[] y, DeLong delong,
      int grades, byte[] grade, double[] truth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int n = pd.length;
    int defaults = 0;
    double sumPd = 0;
    for (int i = 0; i < n; i++) {
      defaults += y[i] ? 1 : 0;
      sumPd += pd[i];
    }
    m.put("defaults", defaults);
    m.put("default_rate", n == 0 ? null : num(defaults / (double) n));
    m.put("mean_pd", n == 0 ? null : num(sumPd / n));
    m.put("auc", num(delong.auc()));
    m.put("auc_se", num(delong.standardError()));
    m.put("auc_ci95", Arrays.asList(num(delong.lower95()), num(delong.upper95())));
    if (n > 0) {
      Validation v = Validation.of(pd, y);
      m.put("ar", num(v.accuracyRatio()));
      m.put("ks", num(v.ks()));
      m.put("brier", num(v.brier()));
      m.put("calibration_ratio", num(v.calibrationRatio()));
      m.put("capture_1pct", num(v.capture1pct()));
      m.put("capture_5pct", num(v.capture5pct()));
      m.put("capture_10pct", num(v.capture10pct()));
    }
    long[] obligors = new long[grades];
    long[] gradeDefaults = new long[grades];
    double[] gradePd = new double[grades];
    for (int i = 0; i < n; i++) {
      int g = grade[i] - 1;
      obligors[g]++;
      gradeDefaults[g] += y[i] ? 1 : 0;
      gradePd[g] += pd[i];
    }
    List<Map<String, Object>> table = new ArrayList<>();
    for (int g = 0; g < grades; g++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("grade", "G" + (g + 1));
      row.put("firms", obligors[g]);
      row.put("defaults", gradeDefaults[g]);
      if (obligors[g] > 0) {
        double mean = gradePd[g] / obligors[g];
        row.put("realized_rate", num(gradeDefaults[g] / (double) obligors[g]));
        row.put("mean_pd", num(mean));
        row.put("jeffreys_p", num(Jeffreys.pValue(mean, gradeDefaults[g], obligors[g])));
        row.put("jeffreys_ci95", Arrays.asList(
            num(Jeffreys.quantile(0.025, gradeDefaults[g], obligors[g])),
            num(Jeffreys.quantile(0.975, gradeDefaults[g], obligors[g]))));
        row.put("binomial_p", num(BinomialTest.upperPValue(mean, gradeDefaults[g], obligors[g])));
      }
      table.add(row);
    }
    m.put("grades", table);
    HosmerLemeshow hl = HosmerLemeshow.of(obligors, gradeDefaults, gradePd);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("statistic", num(hl.statistic()));
    h.put("df", hl.degreesOfFreedom());
    h.put("p_value", num(hl.pValue()));
    h.put("groups", "master-scale grades");
    m.put("hosmer_lemeshow", h);
    if (truth != null) {
      int k = 0;
      double absError = 0;
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(truth[i])) {
          absError += Math.abs(pd[i] - truth[i]);
          k++;
        }
      }
      if (k == n && n > 0) {
        m.put("oracle_auc", num(Auc.of(truth, y)));
        m.put("oracle_gap", num(Auc.of(truth, y) - delong.auc()));
        Validation oracle = Validation.of(truth, y);
        m.put("oracle_capture_1pct", num(oracle.capture1pct()));
        m.put("oracle_capture_10pct", num(oracle.capture10pct()));
        m.put("pd_mae", num(absError / n));
        m.put("mean_true_pd", num(mean(truth)));
      } else {
        m.put("oracle_auc", null);
        m.put("pd_mae", null);
        m.put("truth_rows_missing", n - k);
      }
    }
    return m;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.length == 0 ? Double.NaN : s / v.length;
  }

  private static Map<String, Object> herfindahl(Herfindahl h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", num(h.herfindahl()));
    m.put("cv", num(h.coefficientOfVariation()));
    m.put("normalised", num(h.normalised()));
    return m;
  }

  private static Map<String, Object> gradeCounts(MasterScale scale, long[] counts) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int g = 0; g < counts.length; g++) {
      m.put(scale.label(g + 1), counts[g]);
    }
    return m;
  }

  /** Pooled ROC (false-positive rate, true-positive rate) and CAP (share of firms, of defaults). */
  private static Map<String, Object> curves(double[] pd, boolean[] y) {
    int n = pd.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(pd[b], pd[a]));
    int positives = 0;
    for (boolean b : y) {
      positives += b ? 1 : 0;
    }
    int negatives = n - positives;
    List<double[]> roc = new ArrayList<>();
    List<double[]> cap = new ArrayList<>();
    roc.add(new double[] {0, 0});
    cap.add(new double[] {0, 0});
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && pd[order[j]] == pd[order[i]]) {
        if (y[order[j]]) {
          tp++;
        } else {
          fp++;
        }
        j++;
      }
      roc.add(new double[] {negatives == 0 ? 0 : fp / (double) negatives,
          positives == 0 ? 0 : tp / (double) positives});
      cap.add(new double[] {j / (double) n, positives == 0 ? 0 : tp / (double) positives});
      i = j;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("roc", thin(roc));
    m.put("cap", thin(cap));
    m.put("default_share", n == 0 ? null : num(positives / (double) n));
    return m;
  }

  /** At most {@link #CURVE_POINTS} points, evenly spaced along the curve, ends kept. */
  private static List<List<Double>> thin(List<double[]> points) {
    List<List<Double>> out = new ArrayList<>();
    int n = points.size();
    int keep = Math.min(n, CURVE_POINTS);
    int last = -1;
    for (int k = 0; k < keep; k++) {
      int idx = keep == 1 ? 0 : (int) Math.round(k * (n - 1) / (double) (keep - 1));
      if (idx != last) {
        out.add(List.of(round(points.get(idx)[0]), round(points.get(idx)[1])));
        last = idx;
      }
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }

  /**
   * Annual migrations: for each pair of backtest dates twelve months apart, the grade at the start
   * against the grade at the end for firms live at both, and the firms that left by defaulting
   * (labelled defaulted at the start and not live at the end); firms that closed drop out.
   */
  private static Map<String, Object> migrations(List<Backtest.DateScores> dates, int grades,
      MasterScale scale) {
    Map<LocalDate, Backtest.DateScores> byDate = new HashMap<>();
    dates.forEach(d -> byDate.put(d.asOf(), d));
    long[][] pooled = new long[grades][grades];
    long[] pooledDefaults = new long[grades];
    List<Map<String, Object>> annual = new ArrayList<>();
    for (Backtest.DateScores start : dates) {
      LocalDate endDate = java.time.YearMonth.from(start.asOf()).plusMonths(12).atEndOfMonth();
      Backtest.DateScores end = byDate.get(endDate);
      if (end == null) {
        continue;
      }
      long[][] counts = new long[grades][grades];
      long[] defaults = new long[grades];
      int j = 0;
      for (int i = 0; i < start.live(); i++) {
        long firm = start.firm()[i];
        while (j < end.live() && end.firm()[j] < firm) {
          j++;
        }
        int from = start.grade()[i] - 1;
        if (j < end.live() && end.firm()[j] == firm) {
          counts[from][end.grade()[j] - 1]++;
        } else if (start.defaulted()[i]) {
          defaults[from]++;
        }
      }
      for (int a = 0; a < grades; a++) {
        pooledDefaults[a] += defaults[a];
        for (int b = 0; b < grades; b++) {
          pooled[a][b] += counts[a][b];
        }
      }
      Map<String, Object> m = matrixJson(new MigrationMatrix(counts, defaults), scale);
      m.put("from", start.asOf().toString());
      m.put("to", endDate.toString());
      annual.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("grades", java.util.stream.IntStream.rangeClosed(1, grades).mapToObj(scale::label)
        .toList());
    out.put("annual", annual);
    out.put("pooled", annual.isEmpty() ? null
        : matrixJson(new MigrationMatrix(pooled, pooledDefaults), scale));
    if (annual.isEmpty()) {
      out.put("note", "no two as-of dates twelve months apart: widen --from/--to to at least"
          + " thirteen month-ends for migration matrices");
    }
    return out;
  }

  private static Map<String, Object> matrixJson(MigrationMatrix matrix, MasterScale scale) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<List<Long>> counts = new ArrayList<>();
    long firms = 0;
    long stay = 0;
    for (int i = 0; i < matrix.grades(); i++) {
      List<Long> row = new ArrayList<>();
      for (int j = 0; j < matrix.grades(); j++) {
        row.add(matrix.counts()[i][j]);
        firms += matrix.counts()[i][j];
        stay += i == j ? matrix.counts()[i][j] : 0;
      }
      counts.add(row);
    }
    m.put("counts", counts);
    m.put("defaults", Arrays.stream(matrix.defaults()).boxed().toList());
    m.put("firms", firms);
    m.put("stay_share", firms == 0 ? null : num(stay / (double) firms));
    m.put("mwb_upper", num(matrix.upperBandwidth()));
    m.put("mwb_lower", num(matrix.lowerBandwidth()));
    List<Map<String, Object>> violations = new ArrayList<>();
    int significant = 0;
    for (MigrationMatrix.Violation v : matrix.monotonicityViolations()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("from", scale.label(v.fromGrade()));
      x.put("near", scale.label(v.nearGrade()));
      x.put("far", scale.label(v.farGrade()));
      x.put("near_rate", num(v.nearRate()));
      x.put("far_rate", num(v.farRate()));
      x.put("z", num(v.z()));
      x.put("p_value", num(v.pValue()));
      significant += v.pValue() < 0.05 ? 1 : 0;
      violations.add(x);
    }
    m.put("monotonicity_violations", violations);
    m.put("monotonicity_significant", significant);
    return m;
  }

  /** A finite double, or null (JSON has no NaN). */
  static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
