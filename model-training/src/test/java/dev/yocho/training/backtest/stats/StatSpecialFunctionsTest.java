package dev.yocho.training.backtest.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Special functions against closed forms and against SciPy 1.17.1 values (computed independently
 * on this machine with {@code scipy.special.gammaln}, {@code betainc}, {@code gammainc},
 * {@code gammaincc}, {@code scipy.stats.norm.cdf} and {@code chi2.sf}, and recorded here).
 */
class StatSpecialFunctionsTest {
  @Test
  void logGammaMatchesClosedFormsAndScipy() {
    // Γ(1/2) = √π; Γ(n) = (n − 1)!
    assertThat(SpecialFunctions.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
    assertThat(SpecialFunctions.logGamma(6)).isCloseTo(Math.log(120), within(1e-13));
    // scipy.special.gammaln(10.3), gammaln(1234.5)
    assertThat(SpecialFunctions.logGamma(10.3)).isCloseTo(13.482036786138359, within(1e-12));
    assertThat(SpecialFunctions.logGamma(1234.5)).isCloseTo(7550.550901077894, within(1e-9));
  }

  @Test
  void regularizedBetaMatchesClosedFormsAndScipy() {
    // I_x(1/2, 1/2) = (2/π) arcsin √x (the arcsine distribution); I_x(1, b) = 1 − (1 − x)^b;
    // I_x(a, 1) = x^a
    for (double x : new double[] {0.01, 0.2, 0.5, 0.73, 0.999}) {
      assertThat(SpecialFunctions.regularizedBeta(x, 0.5, 0.5))
          .isCloseTo(2 / Math.PI * Math.asin(Math.sqrt(x)), within(1e-13));
      assertThat(SpecialFunctions.regularizedBeta(x, 1, 7.5))
          .isCloseTo(1 - Math.pow(1 - x, 7.5), within(1e-13));
      assertThat(SpecialFunctions.regularizedBeta(x, 3.25, 1))
          .isCloseTo(Math.pow(x, 3.25), within(1e-13));
    }
    // scipy.special.betainc(a, b, x)
    assertThat(SpecialFunctions.regularizedBeta(0.3, 2.5, 4.0))
        .isCloseTo(0.3521975859067672, within(1e-13));
    assertThat(SpecialFunctions.regularizedBeta(0.0123, 12.5, 987.5))
        .isCloseTo(0.514195217694995, within(1e-11));
    assertThat(SpecialFunctions.regularizedBeta(0.95, 50, 3))
        .isCloseTo(0.5145695221630197, within(1e-12));
    assertThat(SpecialFunctions.regularizedBeta(0.02, 300.5, 9700.5))
        .isCloseTo(1.3084873033242875e-11, within(1e-19));
  }

  @Test
  void betaQuantileInvertsTheDistributionFunction() {
    // scipy.stats.beta.ppf(0.025, 12.5, 988.5) and ppf(0.975, …): Jeffreys interval of 12/1000
    assertThat(SpecialFunctions.betaQuantile(0.025, 12.5, 988.5))
        .isCloseTo(0.006576143404584941, within(1e-12));
    assertThat(SpecialFunctions.betaQuantile(0.975, 12.5, 988.5))
        .isCloseTo(0.020233601017093282, within(1e-12));
  }

  @Test
  void incompleteGammaNormalAndChiSquareMatchScipy() {
    // scipy.special.gammainc(3.5, 2.0), gammaincc(3.5, 7.0)
    assertThat(SpecialFunctions.regularizedGammaP(3.5, 2.0))
        .isCloseTo(0.22022259152428406, within(1e-13));
    assertThat(SpecialFunctions.regularizedGammaQ(3.5, 7.0))
        .isCloseTo(0.051181353413065414, within(1e-13));
    // scipy.stats.norm.cdf
    assertThat(SpecialFunctions.normalCdf(SpecialFunctions.Z_975)).isCloseTo(0.975, within(1e-14));
    assertThat(SpecialFunctions.normalCdf(-3.2)).isCloseTo(0.0006871379379158471, within(1e-15));
    assertThat(SpecialFunctions.normalCdf(0.7)).isCloseTo(0.758036347776927, within(1e-14));
    // a test statistic can be infinite (a zero variance): the limits, not an error
    assertThat(SpecialFunctions.normalCdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(SpecialFunctions.normalCdf(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(SpecialFunctions.regularizedGammaQ(2.5, Double.POSITIVE_INFINITY)).isEqualTo(0.0);
    assertThat(SpecialFunctions.normalCdf(0)).isEqualTo(0.5);
    // chi-square with 2 degrees of freedom is exponential: P(X ≥ x) = exp(−x/2)
    assertThat(SpecialFunctions.chiSquareSurvival(0.5, 2)).isCloseTo(Math.exp(-0.25), within(1e-14));
    // scipy.stats.chi2.sf
    assertThat(SpecialFunctions.chiSquareSurvival(3.84, 1)).isCloseTo(0.05004352124870519, within(1e-13));
    assertThat(SpecialFunctions.chiSquareSurvival(10.0, 5)).isCloseTo(0.07523524614651217, within(1e-13));
    assertThat(SpecialFunctions.chiSquareSurvival(25.3, 10)).isCloseTo(0.004804952978983564, within(1e-14));
  }
}
