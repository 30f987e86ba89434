package dev.yocho.training.backtest.stats;

/**
 * The ECB's Jeffreys test of a grade's PD (ECB, "Instructions for reporting the validation results
 * of internal models", February 2019, section 2.5.3.1): with D defaults among N obligors and
 * Jeffreys prior Beta(1/2, 1/2), the posterior of the default rate is Beta(D + 1/2, N − D + 1/2).
 * H0: the PD is not lower than the true default rate (PD ≥ realised); the one-sided p-value is the
 * posterior's distribution function at the PD. A small p-value says the PD underestimates risk.
 */
public final class Jeffreys {
  private Jeffreys() {}

  /** The p-value Beta(D + 1/2, N − D + 1/2) CDF at {@code pd}. */
  public static double pValue(double pd, long defaults, long obligors) {
    check(defaults, obligors);
    return SpecialFunctions.regularizedBeta(pd, defaults + 0.5, obligors - defaults + 0.5);
  }

  /** The {@code p}-quantile of the Jeffreys posterior: the ends of an equal-tailed interval. */
  public static double quantile(double p, long defaults, long obligors) {
    check(defaults, obligors);
    return SpecialFunctions.betaQuantile(p, defaults + 0.5, obligors - defaults + 0.5);
  }

  private static void check(long defaults, long obligors) {
    if (obligors <= 0 || defaults < 0 || defaults > obligors) {
      throw new IllegalArgumentException("need 0 <= defaults <= obligors and obligors > 0, were "
          + defaults + " and " + obligors);
    }
  }
}
