package dev.yocho.training.backtest.stats;

import java.util.Arrays;

/**
 * The AUC with DeLong, DeLong and Clarke-Pearson's (1988) variance, computed in O(n log n) from
 * mid-ranks as in Sun and Xu (2014, "Fast implementation of DeLong's algorithm", IEEE Signal
 * Processing Letters 21(11)). A higher score means riskier; ties count one half.
 *
 * <p>Structural components: for each positive (defaulter) i, V10_i = the share of negatives it
 * outranks; for each negative j, V01_j = the share of positives that outrank it. AUC = mean V10 =
 * mean V01, and Var(AUC) = S10 / m + S01 / n with S10, S01 the sample variances (denominator
 * m − 1, n − 1) of the components over the m positives and n negatives.
 *
 * @param auc the area under the ROC curve
 * @param variance DeLong's variance estimate (NaN with fewer than two positives or negatives)
 * @param positives m
 * @param negatives n
 */
public record DeLong(double auc, double variance, int positives, int negatives) {

  public static DeLong of(double[] score, boolean[] positive) {
    int total = score.length;
    if (positive.length != total) {
      throw new IllegalArgumentException("need as many labels as scores, got " + positive.length
          + " and " + total);
    }
    int m = 0;
    for (boolean p : positive) {
      m += p ? 1 : 0;
    }
    int n = total - m;
    if (m == 0 || n == 0) {
      return new DeLong(Double.NaN, Double.NaN, m, n);
    }
    double[] pos = new double[m];
    double[] neg = new double[n];
    for (int i = 0, a = 0, b = 0; i < total; i++) {
      if (Double.isNaN(score[i])) {
        throw new IllegalArgumentException("score " + i + " is NaN");
      }
      if (positive[i]) {
        pos[a++] = score[i];
      } else {
        neg[b++] = score[i];
      }
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    // V10_i: negatives strictly below pos_i plus half of those tied with it
    double[] v10 = new double[m];
    for (int i = 0; i < m; i++) {
      v10[i] = (below(neg, pos[i]) + 0.5 * tied(neg, pos[i])) / n;
    }
    // V01_j: positives strictly above neg_j plus half of those tied with it
    double[] v01 = new double[n];
    for (int j = 0; j < n; j++) {
      v01[j] = (m - below(pos, neg[j]) - tied(pos, neg[j]) + 0.5 * tied(pos, neg[j])) / m;
    }
    double auc = mean(v10);
    double variance = m < 2 || n < 2 ? Double.NaN
        : sampleVariance(v10, auc) / m + sampleVariance(v01, mean(v01)) / n;
    return new DeLong(auc, variance, m, n);
  }

  /** Elements of sorted {@code a} strictly below {@code v}. */
  private static int below(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int tied(double[] a, double v) {
    int lo = below(a, v);
    int hi = lo;
    while (hi < a.length && a[hi] == v) {
      hi++;
    }
    return hi - lo;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double sampleVariance(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / (v.length - 1);
  }

  /** The standard error, sqrt(variance). */
  public double standardError() {
    return Math.sqrt(variance);
  }

  /** Lower end of the two-sided 95% Wald interval, clipped to [0, 1]. */
  public double lower95() {
    return Math.max(0, auc - SpecialFunctions.Z_975 * standardError());
  }

  /** Upper end of the two-sided 95% Wald interval, clipped to [0, 1]. */
  public double upper95() {
    return Math.min(1, auc + SpecialFunctions.Z_975 * standardError());
  }
}
