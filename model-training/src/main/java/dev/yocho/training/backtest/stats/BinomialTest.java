package dev.yocho.training.backtest.stats;

/**
 * The exact one-sided binomial test of a grade's PD: H0: the true default rate is at most the PD;
 * the p-value P(X ≥ D) for X ~ Binomial(N, PD) is computed exactly through the identity
 * P(X ≥ D) = I_PD(D, N − D + 1) (the regularised incomplete beta function; e.g. Abramowitz and
 * Stegun 26.5.24). A small p-value says the grade has more defaults than its PD allows.
 */
public final class BinomialTest {
  private BinomialTest() {}

  /** P(X ≥ defaults) for X ~ Binomial(obligors, pd). */
  public static double upperPValue(double pd, long defaults, long obligors) {
    if (obligors <= 0 || defaults < 0 || defaults > obligors) {
      throw new IllegalArgumentException("need 0 <= defaults <= obligors and obligors > 0, were "
          + defaults + " and " + obligors);
    }
    if (!(pd >= 0 && pd <= 1)) {
      throw new IllegalArgumentException("PD must be in [0, 1], was " + pd);
    }
    if (defaults == 0) {
      return 1;
    }
    return SpecialFunctions.regularizedBeta(pd, defaults, obligors - defaults + 1.0);
  }
}
