package dev.yocho.synthetic;

import dev.yocho.features.model.Industry;
import java.util.SplittableRandom;

/**
 * The macro path every firm shares: an economy-wide level (one downturn year, the second year of
 * the window), mean-reverting industry factors, the average borrowing rate (rising in the last two
 * years) and input-cost pressure (rising from the downturn on). Drawn once from the economy's own
 * random stream; the ground truth conditions on this path.
 */
public final class Economy {
  /** Base borrowing rate before the rise (the average rate, spreads included, is about 1.0%). */
  static final double BASE_RATE = 0.0050;

  private final double[] economy;
  private final double[][] industry;
  private final double[] rate;
  private final double[] costPressure;

  Economy(MonthGrid grid, long seed) {
    int n = grid.months();
    economy = new double[n];
    industry = new double[Industry.values().length][n];
    rate = new double[n];
    costPressure = new double[n];
    SplittableRandom random = new SplittableRandom(Seeds.mix(seed, 0x45434f4eL, 0));
    int downturnYear = grid.yearMonth(grid.firstWindowMonth()).getYear() + 1;
    int lastYear = grid.yearMonth(grid.lastMonth()).getYear();
    double level = 0;
    for (int m = 0; m < n; m++) {
      int year = grid.yearMonth(m).getYear();
      int monthOfYear = grid.yearMonth(m).getMonthValue();
      // the downturn builds through its year and recovers over the following one
      double target = 0;
      if (year == downturnYear) {
        target = -0.45 * Math.min(1.0, monthOfYear / 4.0);
      }
      level += 0.25 * (target - level);
      economy[m] = level;
      rate[m] = BASE_RATE + (year == lastYear - 1 ? 0.0010 : 0) + (year == lastYear ? 0.0025 : 0);
      double yearsIntoPressure = (m - grid.firstWindowMonth() - 12) / 12.0;
      costPressure[m] = Math.max(0, Math.min(1, yearsIntoPressure / 3.0));
    }
    for (int j = 0; j < industry.length; j++) {
      double f = 0;
      for (int m = 0; m < n; m++) {
        f = 0.92 * f + 0.035 * random.nextGaussian();
        industry[j][m] = f;
      }
    }
  }

  /** Where a firm's health reverts to this month, relative to its own level. */
  double drift(int industryIndex, double costSensitivity, double debtLoad, int month) {
    double ratePenalty = (rate[month] - BASE_RATE) * 60.0 * debtLoad;
    return economy[month] + industry[industryIndex][month]
        - 0.25 * costSensitivity * costPressure[month] - ratePenalty;
  }

  /** The average borrowing rate in month {@code month}. */
  double rate(int month) {
    return rate[month];
  }

  /** Input-cost pressure in [0, 1]. */
  double costPressure(int month) {
    return costPressure[month];
  }
}
