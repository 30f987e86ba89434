package dev.yocho.training.backtest.stats;

/**
 * Concentration of obligors across grades. The plain Herfindahl index H = Σ R_i² (R_i the share of
 * grade i), and the ECB's normalised form (ECB 2019 instructions, section 2.5.1, "concentration
 * in rating grades"): CV = sqrt(K Σ (R_i − 1/K)²), HI = 1 + ln((CV² + 1) / K) / ln K, which is 0
 * for an even spread over the K grades and 1 when every obligor sits in one grade.
 *
 * @param herfindahl Σ R_i²
 * @param coefficientOfVariation CV
 * @param normalised the ECB's HI in [0, 1]
 */
public record Herfindahl(double herfindahl, double coefficientOfVariation, double normalised) {

  public static Herfindahl of(long[] obligorsPerGrade) {
    int k = obligorsPerGrade.length;
    if (k < 2) {
      throw new IllegalArgumentException("need at least two grades, got " + k);
    }
    double total = 0;
    for (long n : obligorsPerGrade) {
      total += n;
    }
    if (total == 0) {
      return new Herfindahl(Double.NaN, Double.NaN, Double.NaN);
    }
    double h = 0;
    double dev = 0;
    for (long n : obligorsPerGrade) {
      double r = n / total;
      h += r * r;
      dev += (r - 1.0 / k) * (r - 1.0 / k);
    }
    double cv = Math.sqrt(k * dev);
    double hi = 1 + Math.log((cv * cv + 1) / k) / Math.log(k);
    return new Herfindahl(h, cv, hi);
  }
}
