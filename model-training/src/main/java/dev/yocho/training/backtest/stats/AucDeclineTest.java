package dev.yocho.training.backtest.stats;

/**
 * The ECB's test of a decline in discriminatory power (ECB 2019 instructions, section 2.5.2.1):
 * z = (AUC_init − AUC_curr) / σ_curr with σ_curr the standard error of the current AUC (DeLong);
 * one-sided p-value 1 − Φ(z). A small p-value says the current AUC is significantly below the
 * initial one.
 *
 * @param z the statistic
 * @param pValue 1 − Φ(z)
 */
public record AucDeclineTest(double z, double pValue) {

  public static AucDeclineTest of(double initialAuc, double currentAuc, double currentStdError) {
    if (!(currentStdError > 0)) {
      return new AucDeclineTest(Double.NaN, Double.NaN);
    }
    double z = (initialAuc - currentAuc) / currentStdError;
    return new AucDeclineTest(z, 1 - SpecialFunctions.normalCdf(z));
  }
}
