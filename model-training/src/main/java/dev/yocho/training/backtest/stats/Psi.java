package dev.yocho.training.backtest.stats;

/**
 * The population stability index between a reference (training) distribution and a current one
 * over the same bins: PSI = Σ_k (c_k − r_k) ln(c_k / r_k) with r_k, c_k the bin shares. Empty bins
 * would make it infinite, so shares are floored at {@link #SHARE_FLOOR} (a common convention; the
 * floor is part of the reported method). Rules of thumb: below 0.10 stable, 0.10–0.25 a moderate
 * shift, above 0.25 a significant shift (the thresholds are configurable in the backtest).
 */
public final class Psi {
  /** Bin shares below this count as this. */
  public static final double SHARE_FLOOR = 1e-4;

  private Psi() {}

  public static double of(long[] reference, long[] current) {
    if (reference.length != current.length || reference.length == 0) {
      throw new IllegalArgumentException("need the same, non-zero number of bins, got "
          + reference.length + " and " + current.length);
    }
    double r = 0;
    double c = 0;
    for (int k = 0; k < reference.length; k++) {
      r += reference[k];
      c += current[k];
    }
    if (r == 0 || c == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int k = 0; k < reference.length; k++) {
      double rk = Math.max(reference[k] / r, SHARE_FLOOR);
      double ck = Math.max(current[k] / c, SHARE_FLOOR);
      psi += (ck - rk) * Math.log(ck / rk);
    }
    return psi;
  }
}
