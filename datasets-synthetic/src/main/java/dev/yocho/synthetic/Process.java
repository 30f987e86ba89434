package dev.yocho.synthetic;

/**
 * The monthly step every firm follows, shared by the generator, the hazard calibration and the
 * ground-truth simulation so that the truth is the generator's own process.
 *
 * <p>Order within month m: (1) health moves: {@code x' = (1 − κ) x + κ target(m) + σ ε − loss +
 * contract}, with {@code target(m)} the firm's level plus the macro drift; (2) the distress chain moves: enter with {@code q(x)}, stay with {@code 1 − recovery};
 * (3) inside the window the firm defaults with {@code h(x, d)}; (4) otherwise it closes with its
 * closure probability.
 */
final class Process {
  static final double REVERSION = 0.08;
  static final double VOLATILITY = 0.24;
  static final double LOSS_PROBABILITY = 0.004;
  static final double LOSS_SHOCK = 0.7;
  static final double CONTRACT_PROBABILITY = 0.005;
  static final double CONTRACT_SHOCK = 0.3;
  /** Slope of every hazard's log-odds in health. */
  static final double SLOPE = 1.15;
  static final double DISTRESS_ENTRY_INTERCEPT = -5.4;
  static final double DISTRESS_RECOVERY = 0.14;
  static final double DISTRESS_LOG_ODDS = 3.4;
  static final double YOUNG_FIRM_LOG_ODDS = 0.35;

  private final Economy economy;
  private final MonthGrid grid;
  /** The default hazard's intercept, calibrated to the target default rate. */
  private final double defaultIntercept;

  Process(Economy economy, MonthGrid grid, double defaultIntercept) {
    this.economy = economy;
    this.grid = grid;
    this.defaultIntercept = defaultIntercept;
  }

  MonthGrid grid() {
    return grid;
  }

  Economy economy() {
    return economy;
  }

  /** Month index clamped to the macro path (months past the grid keep its last values). */
  private int clamp(int month) {
    return Math.min(month, grid.lastMonth());
  }

  /** Months past the grid that a truth horizon may reach. */
  static final int HORIZON_SLACK = 13;

  /** Length of the per-firm arrays filled by {@link #targets} and {@link #defaultKs}. */
  int pathLength() {
    return grid.months() + HORIZON_SLACK;
  }

  /**
   * Fills {@code out[m]} with the level a firm's health reverts to in month m: its own level
   * shifted by the economy, its industry, input costs and interest rates.
   */
  void targets(FirmProfile f, double[] out) {
    for (int m = 0; m < out.length; m++) {
      out[m] = f.healthLevel + economy.drift(
          f.traits.industry().ordinal(), f.traits.costSensitivity(), f.debtLoad, clamp(m));
    }
  }

  /** Fills {@code out[m]} with K of the default hazard outside distress in month m. */
  void defaultKs(FirmProfile f, double[] out) {
    double young = Math.exp(-(defaultIntercept + f.riskOffset + YOUNG_FIRM_LOG_ODDS));
    double established = Math.exp(-(defaultIntercept + f.riskOffset));
    for (int m = 0; m < out.length; m++) {
      out[m] = m < f.ageEffectUntilMonth ? young : established;
    }
  }

  /** Step (1): {@code x' = (1 − κ) x + κ target + σ ε + jumps}. */
  static double nextHealth(double x, double target, double eps, boolean loss, boolean contract) {
    return (1 - REVERSION) * x + REVERSION * target + VOLATILITY * eps + jump(loss, contract);
  }

  static double jump(boolean loss, boolean contract) {
    return (loss ? -LOSS_SHOCK : 0.0) + (contract ? CONTRACT_SHOCK : 0.0);
  }

  /** {@code exp(SLOPE · x)}: every hazard is {@code 1 / (1 + K · exp(SLOPE · x))}. */
  static double healthFactor(double x) {
    return Math.exp(SLOPE * x);
  }

  /** K of the distress-entry probability. */
  static double distressEntryK(FirmProfile f) {
    return Math.exp(-(DISTRESS_ENTRY_INTERCEPT + (f.hasZeroZeroLoan ? 0.3 : 0.0)));
  }

  static final double DISTRESS_FACTOR = Math.exp(-DISTRESS_LOG_ODDS);

  static double hazard(double k, double healthFactor) {
    return 1.0 / (1.0 + k * healthFactor);
  }

  /** Whether defaults and closures can happen in this month (inside the window). */
  boolean exitsPossible(int month) {
    return month >= grid.firstWindowMonth();
  }
}
