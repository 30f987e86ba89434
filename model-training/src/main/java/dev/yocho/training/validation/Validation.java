package dev.yocho.training.validation;

import dev.yocho.features.metrics.Auc;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Validation figures of PDs against realised one-year defaults.
 *
 * @param rows labelled rows
 * @param defaults rows that defaulted within the year
 * @param auc area under the ROC curve (ties count one half)
 * @param accuracyRatio 2 AUC − 1 (the Gini coefficient / CAP accuracy ratio)
 * @param ks Kolmogorov-Smirnov: the largest gap between the defaulters' and non-defaulters' PD
 *     distribution functions
 * @param brier mean squared error of the PD
 * @param calibrationRatio mean PD over the realised default rate
 * @param capture1pct share of defaults among the riskiest 1% of rows
 * @param capture5pct the same for 5%
 * @param capture10pct the same for 10%
 */
public record Validation(
    int rows,
    int defaults,
    double auc,
    double accuracyRatio,
    double ks,
    double brier,
    double calibrationRatio,
    double capture1pct,
    double capture5pct,
    double capture10pct) {

  public static Validation of(double[] pd, boolean[] defaulted) {
    int n = pd.length;
    if (n == 0 || defaulted.length != n) {
      throw new IllegalArgumentException(
          "need equally many PDs and labels, got " + n + " and " + defaulted.length);
    }
    int d = 0;
    double sumPd = 0;
    double brier = 0;
    for (int i = 0; i < n; i++) {
      double y = defaulted[i] ? 1 : 0;
      d += defaulted[i] ? 1 : 0;
      sumPd += pd[i];
      brier += (pd[i] - y) * (pd[i] - y);
    }
    double auc = Auc.of(pd, defaulted);
    return new Validation(n, d, auc, 2 * auc - 1, ks(pd, defaulted, d), brier / n,
        d == 0 ? Double.NaN : (sumPd / n) / (d / (double) n),
        capture(pd, defaulted, d, 0.01), capture(pd, defaulted, d, 0.05),
        capture(pd, defaulted, d, 0.10));
  }

  /** Rows sorted by descending PD; ties keep no particular order, so ties are walked as groups. */
  private static Integer[] riskiestFirst(double[] pd) {
    Integer[] order = new Integer[pd.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(pd[b], pd[a]));
    return order;
  }

  static double ks(double[] pd, boolean[] defaulted, int defaults) {
    int n = pd.length;
    int goods = n - defaults;
    if (defaults == 0 || goods == 0) {
      return Double.NaN;
    }
    Integer[] order = riskiestFirst(pd);
    double best = 0;
    int bad = 0;
    int good = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j < n && pd[order[j]] == pd[order[i]]) {
        if (defaulted[order[j]]) {
          bad++;
        } else {
          good++;
        }
        j++;
      }
      best = Math.max(best, Math.abs(bad / (double) defaults - good / (double) goods));
      i = j;
    }
    return best;
  }

  /**
   * Share of all defaults held by the riskiest {@code share} of rows; rows tied with the cut-off
   * count in proportion, so the figure does not depend on how ties are ordered.
   */
  static double capture(double[] pd, boolean[] defaulted, int defaults, double share) {
    if (defaults == 0) {
      return Double.NaN;
    }
    Integer[] order = riskiestFirst(pd);
    double capacity = share * pd.length;
    double taken = 0;
    double caught = 0;
    int i = 0;
    while (i < order.length && taken < capacity) {
      int j = i;
      int groupDefaults = 0;
      while (j < order.length && pd[order[j]] == pd[order[i]]) {
        groupDefaults += defaulted[order[j]] ? 1 : 0;
        j++;
      }
      int group = j - i;
      double fraction = Math.min(1.0, (capacity - taken) / group);
      caught += fraction * groupDefaults;
      taken += fraction * group;
      i = j;
    }
    return caught / defaults;
  }

  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rows", rows);
    m.put("defaults", defaults);
    m.put("auc", auc);
    m.put("ar", accuracyRatio);
    m.put("ks", ks);
    m.put("brier", brier);
    m.put("calibration_ratio", calibrationRatio);
    m.put("capture_1pct", capture1pct);
    m.put("capture_5pct", capture5pct);
    m.put("capture_10pct", capture10pct);
    return m;
  }
}
