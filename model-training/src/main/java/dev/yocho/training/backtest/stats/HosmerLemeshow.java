package dev.yocho.training.backtest.stats;

/**
 * The Hosmer-Lemeshow test over groups (here: the grades of the master scale): H = Σ_g (O_g − N_g
 * p̄_g)² / (N_g p̄_g (1 − p̄_g)) with O_g defaults, N_g obligors and p̄_g the mean PD of group g.
 * Groups are scored by a model fitted on other data, so the statistic is referred to a chi-square
 * with as many degrees of freedom as non-empty groups (Hosmer and Lemeshow, Applied Logistic
 * Regression, 2nd ed., section 5.2.2: G degrees of freedom for an external validation sample).
 *
 * @param statistic H
 * @param degreesOfFreedom non-empty groups with 0 &lt; p̄ &lt; 1
 * @param pValue chi-square upper tail of H
 */
public record HosmerLemeshow(double statistic, int degreesOfFreedom, double pValue) {

  /** From per-group obligors, defaults and sums of PD. */
  public static HosmerLemeshow of(long[] obligors, long[] defaults, double[] sumPd) {
    if (obligors.length != defaults.length || obligors.length != sumPd.length) {
      throw new IllegalArgumentException("group arrays differ in length");
    }
    double h = 0;
    int groups = 0;
    for (int g = 0; g < obligors.length; g++) {
      if (obligors[g] == 0) {
        continue;
      }
      double mean = sumPd[g] / obligors[g];
      if (!(mean > 0 && mean < 1)) {
        continue;
      }
      double expected = obligors[g] * mean;
      h += (defaults[g] - expected) * (defaults[g] - expected) / (expected * (1 - mean));
      groups++;
    }
    if (groups == 0) {
      return new HosmerLemeshow(Double.NaN, 0, Double.NaN);
    }
    return new HosmerLemeshow(h, groups, SpecialFunctions.chiSquareSurvival(h, groups));
  }
}
