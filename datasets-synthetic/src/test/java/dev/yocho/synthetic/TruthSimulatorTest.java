package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The truth PD is the generator's own process: for a firm in a given state, the share of brute-
 * force trajectories (every draw independent, defaults and closures realised as the generator
 * realises them, default days uniform in their month) that default within 365 days matches
 * {@link TruthSimulator} within four binomial standard errors.
 */
class TruthSimulatorTest {
  private static final int TRAJECTORIES = 300_000;

  @ParameterizedTest(name = "health {0}, distress {1}, month {2}")
  @CsvSource({"-1.8, false, 30", "-0.4, false, 40", "0.8, false, 26", "-0.6, true, 33", "0.5, true, 50"})
  void matchesBruteForceSimulationOfTheGeneratorStep(double x, boolean distress, int month) {
    GeneratorConfig config = GeneratorConfig.defaults();
    MonthGrid grid = new MonthGrid(config.from(), config.to());
    Economy economy = new Economy(grid, config.seed());
    Process process = new Process(economy, grid, -7.2);
    FirmProfile firm = new FirmProfile(99, false, grid, new SplittableRandom(5));
    double[] targets = new double[process.pathLength()];
    double[] ks = new double[process.pathLength()];
    process.targets(firm, targets);
    process.defaultKs(firm, ks);

    double truth = new TruthSimulator(process, 11, 8192)
        .oneYearPd(firm, x, distress, month, targets, ks);

    int horizon = grid.end(month) + 365;
    SplittableRandom r = new SplittableRandom(2024);
    double entryK = Process.distressEntryK(firm);
    int defaults = 0;
    for (int n = 0; n < TRAJECTORIES; n++) {
      double h = x;
      boolean d = distress;
      for (int k = 1; k <= 12; k++) {
        int m = month + k;
        h = Process.nextHealth(h, targets[m], r.nextGaussian(),
            r.nextDouble() < Process.LOSS_PROBABILITY, r.nextDouble() < Process.CONTRACT_PROBABILITY);
        double hf = Process.healthFactor(h);
        double u = r.nextDouble();
        d = d ? u >= Process.DISTRESS_RECOVERY : u < Process.hazard(entryK, hf);
        double hazard = Process.hazard(ks[m] * (d ? Process.DISTRESS_FACTOR : 1.0), hf);
        if (r.nextDouble() < hazard) {
          LocalDate first = grid.yearMonth(month).plusMonths(k).atDay(1);
          int day = (int) first.toEpochDay() + r.nextInt(first.lengthOfMonth());
          if (day <= horizon) {
            defaults++;
          }
          break;
        }
        if (r.nextDouble() < firm.closureMonthly) {
          break;
        }
      }
    }
    double frequency = defaults / (double) TRAJECTORIES;
    double se = Math.sqrt(truth * (1 - truth) / TRAJECTORIES);
    assertThat(truth).isBetween(0.0005, 0.9);
    assertThat(frequency).as("brute force vs truth %.5f", truth).isCloseTo(truth,
        org.assertj.core.api.Assertions.within(4 * se));
  }
}
