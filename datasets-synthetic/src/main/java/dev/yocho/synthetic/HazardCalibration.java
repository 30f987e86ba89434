package dev.yocho.synthetic;

import java.util.SplittableRandom;

/**
 * Finds the default hazard's intercept that gives the target mean annual default rate: a pilot
 * portfolio (its own random stream) is simulated once through the health and distress process,
 * which does not depend on the intercept, and the intercept is then solved by bisection on the
 * statistic the realism target measures: expected defaults in each calendar year over the
 * (expected) firms live on its first day, averaged over the window's years.
 */
final class HazardCalibration {
  static final int PILOT_FIRMS = 12000;

  private HazardCalibration() {}

  static double intercept(Economy economy, MonthGrid grid, GeneratorConfig config) {
    int months = grid.months();
    int window = grid.firstWindowMonth();
    Process shape = new Process(economy, grid, 0.0);
    double[] targets = new double[shape.pathLength()];
    double[][] healthFactor = new double[PILOT_FIRMS][];
    boolean[][] distress = new boolean[PILOT_FIRMS][];
    FirmProfile[] firms = new FirmProfile[PILOT_FIRMS];
    int entrants = (int) Math.round(PILOT_FIRMS * UniverseGenerator.ENTRANT_SHARE);
    for (int i = 0; i < PILOT_FIRMS; i++) {
      SplittableRandom r = new SplittableRandom(Seeds.mix(config.seed(), 0x50494c4fL, i));
      FirmProfile f = new FirmProfile(-1 - i, i >= PILOT_FIRMS - entrants, grid, r);
      firms[i] = f;
      healthFactor[i] = new double[months];
      distress[i] = new boolean[months];
      double x = f.initialHealth;
      boolean d = false;
      double entryK = Process.distressEntryK(f);
      shape.targets(f, targets);
      for (int m = f.firstMonth; m < months; m++) {
        if (m > f.firstMonth) {
          x = Process.nextHealth(x, targets[m], r.nextGaussian(),
              r.nextDouble() < Process.LOSS_PROBABILITY,
              r.nextDouble() < Process.CONTRACT_PROBABILITY);
        }
        double hf = Process.healthFactor(x);
        double u = r.nextDouble();
        d = d ? u >= Process.DISTRESS_RECOVERY : u < Process.hazard(entryK, hf);
        healthFactor[i][m] = hf;
        distress[i][m] = d;
      }
    }
    double[] ks = new double[shape.pathLength()];
    int firstYear = grid.yearMonth(window).getYear();
    int years = grid.yearMonth(months - 1).getYear() - firstYear + 1;
    double[] expectedDefaults = new double[years];
    double[] liveAtStart = new double[years];
    double lo = -14;
    double hi = 0;
    for (int iter = 0; iter < 40; iter++) {
      double mid = 0.5 * (lo + hi);
      Process p = new Process(economy, grid, mid);
      java.util.Arrays.fill(expectedDefaults, 0);
      java.util.Arrays.fill(liveAtStart, 0);
      for (int i = 0; i < PILOT_FIRMS; i++) {
        FirmProfile f = firms[i];
        double alive = 1;
        p.defaultKs(f, ks);
        for (int m = Math.max(window, f.firstMonth); m < months; m++) {
          int year = grid.yearMonth(m).getYear() - firstYear;
          if (grid.yearMonth(m).getMonthValue() == 1 && m > f.firstMonth) {
            liveAtStart[year] += alive;
          }
          double h = Process.hazard(
              ks[m] * (distress[i][m] ? Process.DISTRESS_FACTOR : 1.0), healthFactor[i][m]);
          expectedDefaults[year] += alive * h;
          alive *= (1 - h) * (1 - f.closureMonthly);
        }
      }
      // the realism statistic: defaults in a year over the firms live on its first day
      double sum = 0;
      int counted = 0;
      for (int y = 0; y < years; y++) {
        if (liveAtStart[y] > 0) {
          sum += expectedDefaults[y] / liveAtStart[y];
          counted++;
        }
      }
      double annual = sum / counted;
      if (annual > config.targetDefaultRate()) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return 0.5 * (lo + hi);
  }
}
