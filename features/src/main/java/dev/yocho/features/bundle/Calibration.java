package dev.yocho.features.bundle;

import java.util.Arrays;

/**
 * A monotone map from raw margin (log-odds) to PD: isotonic regression of the held-out default
 * indicator on the margin (pool-adjacent-violators), stored as knots and evaluated by linear
 * interpolation between them, flat beyond the ends. Non-decreasing by construction, so it never
 * reorders firms.
 *
 * @param margins knot positions, strictly increasing
 * @param pds PD at each knot, non-decreasing, within [0, 1]
 */
public record Calibration(double[] margins, double[] pds) {

  public Calibration {
    if (margins.length == 0 || margins.length != pds.length) {
      throw new IllegalArgumentException(
          "calibration needs as many PDs as knots, got " + margins.length + " and " + pds.length);
    }
    for (int i = 0; i < margins.length; i++) {
      if (!Double.isFinite(margins[i]) || !(pds[i] >= 0 && pds[i] <= 1)) {
        throw new IllegalArgumentException("calibration knot " + i + " is invalid: margin "
            + margins[i] + ", pd " + pds[i]);
      }
      if (i > 0 && (margins[i] <= margins[i - 1] || pds[i] < pds[i - 1])) {
        throw new IllegalArgumentException(
            "calibration must increase: knot " + i + " (" + margins[i] + ", " + pds[i]
                + ") after (" + margins[i - 1] + ", " + pds[i - 1] + ")");
      }
    }
    margins = margins.clone();
    pds = pds.clone();
  }

  /** PD of a margin. */
  public double pd(double margin) {
    if (Double.isNaN(margin)) {
      throw new IllegalArgumentException("margin is NaN");
    }
    int n = margins.length;
    if (margin <= margins[0]) {
      return pds[0];
    }
    if (margin >= margins[n - 1]) {
      return pds[n - 1];
    }
    int i = Arrays.binarySearch(margins, margin);
    if (i >= 0) {
      return pds[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    double t = (margin - margins[lo]) / (margins[hi] - margins[lo]);
    return pds[lo] + t * (pds[hi] - pds[lo]);
  }

  /**
   * Fits isotonic regression of {@code defaulted} on {@code margin} by pool-adjacent-violators.
   * Each pooled block becomes a knot at its mean margin with its default rate; {@code priorWeight}
   * pseudo-observations at {@code priorRate} are mixed into every block so that a block of a few
   * firms without defaults does not get a PD of exactly zero.
   */
  public static Calibration fitIsotonic(
      double[] margin, boolean[] defaulted, double priorRate, double priorWeight) {
    int n = margin.length;
    if (n == 0 || defaulted.length != n) {
      throw new IllegalArgumentException("need equally many margins and labels, got " + n + " and "
          + defaulted.length);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(margin[i])) {
        throw new IllegalArgumentException("margin " + i + " is NaN");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(margin[a], margin[b]));
    double[] sumY = new double[n];
    double[] sumX = new double[n];
    double[] weight = new double[n];
    int blocks = 0;
    int i = 0;
    while (i < n) {
      // equal margins form one initial block, so ties never straddle a knot
      int j = i;
      double y = 0;
      double x = 0;
      while (j < n && margin[order[j]] == margin[order[i]]) {
        y += defaulted[order[j]] ? 1 : 0;
        x += margin[order[j]];
        j++;
      }
      sumY[blocks] = y;
      sumX[blocks] = x;
      weight[blocks] = j - i;
      blocks++;
      while (blocks > 1 && rate(sumY, weight, blocks - 2, priorRate, priorWeight)
          >= rate(sumY, weight, blocks - 1, priorRate, priorWeight)) {
        sumY[blocks - 2] += sumY[blocks - 1];
        sumX[blocks - 2] += sumX[blocks - 1];
        weight[blocks - 2] += weight[blocks - 1];
        blocks--;
      }
      i = j;
    }
    double[] knots = new double[blocks];
    double[] pd = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      knots[b] = sumX[b] / weight[b];
      pd[b] = rate(sumY, weight, b, priorRate, priorWeight);
    }
    return new Calibration(knots, pd);
  }

  /**
   * The same shape moved in log-odds so that the mean PD of {@code margins} equals {@code
   * targetRate}: every knot's PD {@code p} becomes {@code sigmoid(logit(p) + δ)} with one δ, found
   * by bisection (the mean is increasing in δ). The order of firms and the knots' positions do not
   * change. Knots at exactly 0 or 1 stay there.
   *
   * <p>This is how a PD scale is anchored to a central tendency: the isotonic fit gives the shape
   * (how PD rises with the margin), the anchor gives the level (the default rate expected of the
   * portfolio).
   *
   * @param sample margins whose mean PD is to equal the target (e.g. the latest year's firms)
   * @param targetRate the default rate the sample's mean PD should equal, in (0, 1)
   */
  public Calibration anchoredTo(double[] sample, double targetRate) {
    if (sample.length == 0) {
      throw new IllegalArgumentException("need at least one margin to anchor the calibration");
    }
    if (!(targetRate > 0 && targetRate < 1)) {
      throw new IllegalArgumentException("target default rate must be in (0, 1), was "
          + targetRate);
    }
    double lo = -20;
    double hi = 20;
    for (int iteration = 0; iteration < 200 && hi - lo > 1e-13; iteration++) {
      double mid = 0.5 * (lo + hi);
      if (shifted(mid).meanPd(sample) < targetRate) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return shifted(0.5 * (lo + hi));
  }

  /** Every knot's PD moved by {@code delta} in log-odds. */
  public Calibration shifted(double delta) {
    if (delta == 0) {
      return this;
    }
    double[] moved = new double[pds.length];
    for (int i = 0; i < pds.length; i++) {
      double p = pds[i];
      moved[i] = p <= 0 || p >= 1 ? p : 1.0 / (1.0 + Math.exp(-(Math.log(p / (1 - p)) + delta)));
    }
    // rounding can break ties of neighbouring knots' order by an ulp; restore monotonicity
    for (int i = 1; i < moved.length; i++) {
      moved[i] = Math.max(moved[i], moved[i - 1]);
    }
    return new Calibration(margins, moved);
  }

  private double meanPd(double[] sample) {
    double sum = 0;
    for (double m : sample) {
      sum += pd(m);
    }
    return sum / sample.length;
  }

  private static double rate(
      double[] sumY, double[] weight, int block, double priorRate, double priorWeight) {
    return (sumY[block] + priorRate * priorWeight) / (weight[block] + priorWeight);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c && Arrays.equals(margins, c.margins)
        && Arrays.equals(pds, c.pds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(margins) * 31 + Arrays.hashCode(pds);
  }

  @Override
  public String toString() {
    return "Calibration[" + margins.length + " knots, PD " + pds[0] + " … " + pds[pds.length - 1]
        + "]";
  }
}
