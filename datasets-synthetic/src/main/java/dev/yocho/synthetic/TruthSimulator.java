package dev.yocho.synthetic;

import java.time.YearMonth;
import java.util.SplittableRandom;

/**
 * The true one-year PD of a firm in a given state: forward simulation of {@link Process} with
 * {@value #PATHS} paths of the health process ({@value #PATHS}/2 antithetic pairs, the same random
 * numbers for every firm and month-end), carrying along each path the exact probability of
 * default through the distress chain and the closure competing risk. Only health is sampled, so
 * the estimator's variance is small; its standard error is estimated from the pair means.
 *
 * <p>Health is linear in its shocks: {@code x_k = (1 − κ)^k x_0 + D_k + N_k}, where {@code D_k}
 * depends only on the firm's reversion targets and {@code N_k} only on the path's shocks and
 * jumps. So {@code exp(slope · x_k)} factors into a per-firm part and a per-path part that is
 * computed once; a path step costs a few multiplications and divisions.
 *
 * <p>The horizon is 365 days after the month-end: the last simulated month counts only for the
 * share of its days inside the horizon (default days are uniform within a month). Not
 * thread-safe: one instance per worker (it keeps scratch space and running error statistics).
 */
final class TruthSimulator {
  static final int PATHS = 64;
  static final int HORIZON_MONTHS = 12;

  private final Process process;
  /** exp(slope · N_k) per sign (0: +ε, 1: the antithetic path), pair and month ahead. */
  private final double[][][] pathFactor;
  private final double[] firmFactor = new double[HORIZON_MONTHS + 1];
  /** Per month-end: the share of the 12th month ahead that lies within 365 days. */
  private final double[] lastMonthShare;
  private double standardErrorSum;
  private double relativeErrorSum;
  private long estimates;

  private final int pairs;

  TruthSimulator(Process process, long seed) {
    this(process, seed, PATHS);
  }

  /** With another number of paths (even), for tests that need a smaller standard error. */
  TruthSimulator(Process process, long seed, int paths) {
    if (paths < 4 || paths % 2 != 0) {
      throw new IllegalArgumentException("paths must be even and at least 4, was " + paths);
    }
    this.process = process;
    this.pairs = paths / 2;
    MonthGrid grid = process.grid();
    lastMonthShare = new double[grid.months()];
    for (int m = 0; m < grid.months(); m++) {
      int horizon = grid.end(m) + 365;
      YearMonth last = grid.yearMonth(m).plusMonths(HORIZON_MONTHS);
      int lastStart = (int) last.atDay(1).toEpochDay();
      lastMonthShare[m] =
          Math.min(1.0, Math.max(0.0, (horizon - lastStart + 1) / (double) last.lengthOfMonth()));
    }
    pathFactor = new double[2][pairs][HORIZON_MONTHS + 1];
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, 0x54525554L, 0));
    for (int p = 0; p < pairs; p++) {
      double plus = 0;
      double minus = 0;
      for (int k = 1; k <= HORIZON_MONTHS; k++) {
        double eps = r.nextGaussian();
        double uLoss = r.nextDouble();
        double uContract = r.nextDouble();
        plus = (1 - Process.REVERSION) * plus + Process.VOLATILITY * eps
            + Process.jump(uLoss < Process.LOSS_PROBABILITY,
                uContract < Process.CONTRACT_PROBABILITY);
        minus = (1 - Process.REVERSION) * minus - Process.VOLATILITY * eps
            + Process.jump(1 - uLoss < Process.LOSS_PROBABILITY,
                1 - uContract < Process.CONTRACT_PROBABILITY);
        pathFactor[0][p][k] = Math.exp(Process.SLOPE * plus);
        pathFactor[1][p][k] = Math.exp(Process.SLOPE * minus);
      }
    }
  }

  /**
   * P(default within 365 days after the end of month {@code month} | health x, distress d).
   *
   * @param targets the firm's reversion targets ({@link Process#targets})
   * @param defaultKs the firm's default-hazard constants ({@link Process#defaultKs})
   */
  double oneYearPd(
      FirmProfile f, double x, boolean distress, int month, double[] targets, double[] defaultKs) {
    double lastFraction = lastMonthShare[month];
    double decay = 1;
    double d = 0;
    for (int k = 1; k <= HORIZON_MONTHS; k++) {
      decay *= 1 - Process.REVERSION;
      d = (1 - Process.REVERSION) * d + Process.REVERSION * targets[month + k];
      firmFactor[k] = Math.exp(Process.SLOPE * (decay * x + d));
    }
    double entryK = Process.distressEntryK(f);
    double survive = 1 - f.closureMonthly;
    double sum = 0;
    double sumSq = 0;
    for (int p = 0; p < pairs; p++) {
      double a = path(pathFactor[0][p], distress, month, entryK, survive, lastFraction, defaultKs);
      double b = path(pathFactor[1][p], distress, month, entryK, survive, lastFraction, defaultKs);
      double mean = 0.5 * (a + b);
      sum += mean;
      sumSq += mean * mean;
    }
    double pd = sum / pairs;
    double variance = Math.max(0, (sumSq / pairs - pd * pd) * pairs / (pairs - 1));
    double se = Math.sqrt(variance / pairs);
    standardErrorSum += se;
    relativeErrorSum += pd > 0 ? se / pd : 0;
    estimates++;
    return pd;
  }

  private double path(
      double[] factor,
      boolean distress,
      int month,
      double entryK,
      double survive,
      double lastFraction,
      double[] defaultKs) {
    double alive0 = distress ? 0 : 1;
    double alive1 = distress ? 1 : 0;
    double pd = 0;
    for (int k = 1; k <= HORIZON_MONTHS; k++) {
      double hf = firmFactor[k] * factor[k];
      double q = 1.0 / (1.0 + entryK * hf);
      double next1 = alive0 * q + alive1 * (1 - Process.DISTRESS_RECOVERY);
      double next0 = alive0 * (1 - q) + alive1 * Process.DISTRESS_RECOVERY;
      double k0 = defaultKs[month + k];
      double h0 = 1.0 / (1.0 + k0 * hf);
      double h1 = 1.0 / (1.0 + k0 * Process.DISTRESS_FACTOR * hf);
      double share = k == HORIZON_MONTHS ? lastFraction : 1.0;
      pd += share * (next0 * h0 + next1 * h1);
      alive0 = next0 * (1 - h0) * survive;
      alive1 = next1 * (1 - h1) * survive;
    }
    return pd;
  }

  double standardErrorSum() {
    return standardErrorSum;
  }

  double relativeErrorSum() {
    return relativeErrorSum;
  }

  long estimates() {
    return estimates;
  }
}
