package dev.yocho.training.backtest.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Grade migrations over one period: {@code counts[i][j]} obligors in grade i + 1 at the start and
 * grade j + 1 at the end (grade 1 safest), {@code defaults[i]} obligors of grade i + 1 that
 * defaulted in between (they leave the K × K part the bandwidths are computed on).
 *
 * <p>Matrix weighted bandwidths (ECB, "Instructions for reporting the validation results of
 * internal models", 2019, section 2.5.5.1), with N_i the row totals and p_ij = N_ij / N_i:
 * MWB_upper = Σ_{i=1}^{K−1} Σ_{j=i+1}^{K} |i − j| N_i p_ij / M_upper, M_upper = Σ_{i=1}^{K−1}
 * max(|i − K|, |i − 1|) N_i Σ_{j&gt;i} p_ij, and MWB_lower the same below the diagonal (i = 2..K,
 * j &lt; i). Both lie in [0, 1] and grow with the length of the moves relative to the longest
 * possible from each grade (1 when every move goes to the farthest grade).
 *
 * <p>Monotonicity (ECB 2019, section 2.5.5.2): off the diagonal, migration rates should fall
 * with distance from it, row-wise: p_{i,j} ≥ p_{i,j+1} for j &gt; i and p_{i,j} ≥ p_{i,j−1} for
 * j &lt; i. Each adjacent pair is tested one-sidedly with z = (p_far − p_near) / σ, σ² = (p_near
 * (1 − p_near) + p_far (1 − p_far) + 2 p_near p_far) / N_i (the multinomial variance of the
 * difference); a violation with p-value below 0.05 is significant.
 */
public record MigrationMatrix(long[][] counts, long[] defaults) {

  /** One adjacent pair of cells in a row whose rates rise away from the diagonal. */
  public record Violation(int fromGrade, int nearGrade, int farGrade, double nearRate,
      double farRate, double z, double pValue) {}

  public MigrationMatrix {
    int k = counts.length;
    if (k < 2 || defaults.length != k) {
      throw new IllegalArgumentException("need a square matrix of at least two grades and a"
          + " default count per grade");
    }
    long[][] copy = new long[k][];
    for (int i = 0; i < k; i++) {
      if (counts[i].length != k) {
        throw new IllegalArgumentException("row " + i + " has " + counts[i].length
            + " columns, expected " + k);
      }
      copy[i] = counts[i].clone();
    }
    counts = copy;
    defaults = defaults.clone();
  }

  public int grades() {
    return counts.length;
  }

  /** Row total of grade i + 1 within the K × K part (defaults excluded). */
  public long rowTotal(int i) {
    long s = 0;
    for (long c : counts[i]) {
      s += c;
    }
    return s;
  }

  public double upperBandwidth() {
    return bandwidth(true);
  }

  public double lowerBandwidth() {
    return bandwidth(false);
  }

  private double bandwidth(boolean upper) {
    int k = grades();
    double numerator = 0;
    double normaliser = 0;
    for (int i = 1; i <= k; i++) {
      long n = rowTotal(i - 1);
      if (n == 0) {
        continue;
      }
      int from = upper ? i + 1 : 1;
      int to = upper ? k : i - 1;
      double share = 0;
      for (int j = from; j <= to; j++) {
        double p = counts[i - 1][j - 1] / (double) n;
        numerator += Math.abs(i - j) * n * p;
        share += p;
      }
      normaliser += Math.max(Math.abs(i - k), Math.abs(i - 1)) * n * share;
    }
    return normaliser == 0 ? Double.NaN : numerator / normaliser;
  }

  /** Every adjacent pair whose rate rises away from the diagonal, significant or not. */
  public List<Violation> monotonicityViolations() {
    int k = grades();
    List<Violation> out = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      long n = rowTotal(i);
      if (n == 0) {
        continue;
      }
      for (int j = i + 1; j + 1 < k; j++) {
        check(i, j, j + 1, n, out);
      }
      for (int j = i - 1; j - 1 >= 0; j--) {
        check(i, j, j - 1, n, out);
      }
    }
    return out;
  }

  private void check(int row, int near, int far, long n, List<Violation> out) {
    double pNear = counts[row][near] / (double) n;
    double pFar = counts[row][far] / (double) n;
    if (pFar <= pNear) {
      return;
    }
    double variance = (pNear * (1 - pNear) + pFar * (1 - pFar) + 2 * pNear * pFar) / n;
    double z = (pFar - pNear) / Math.sqrt(variance);
    out.add(new Violation(row + 1, near + 1, far + 1, pNear, pFar, z,
        1 - SpecialFunctions.normalCdf(z)));
  }
}
