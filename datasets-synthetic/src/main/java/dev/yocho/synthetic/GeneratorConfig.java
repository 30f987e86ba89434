package dev.yocho.synthetic;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * What to generate.
 *
 * @param firms total firms written to {@code firms} (existing firms plus those founded in the window)
 * @param from first day of the observed window (defaults and closures happen from here on)
 * @param to last day of the observed window
 * @param seed root seed: the same config gives identical table contents
 * @param writeTruth whether to compute and write the truth tables
 * @param targetDefaultRate the mean annual default rate the hazard is calibrated to
 */
public record GeneratorConfig(
    long firms,
    LocalDate from,
    LocalDate to,
    long seed,
    boolean writeTruth,
    double targetDefaultRate) {

  public static final LocalDate DEFAULT_FROM = LocalDate.of(2021, 1, 1);
  public static final LocalDate DEFAULT_TO = LocalDate.of(2025, 12, 31);
  public static final long DEFAULT_SEED = 42;
  public static final long DEFAULT_FIRMS = 20_000;
  public static final double DEFAULT_TARGET_DEFAULT_RATE = 0.015;

  public GeneratorConfig {
    if (firms <= 0) {
      throw new IllegalArgumentException("--firms must be positive, was " + firms);
    }
    if (firms > 50_000_000) {
      throw new IllegalArgumentException("--firms must be at most 50,000,000, was " + firms);
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException("--from and --to are required");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
    }
    if (ChronoUnit.MONTHS.between(from, to) < 2) {
      throw new IllegalArgumentException(
          "the window " + from + " to " + to + " must span at least two months");
    }
    if (to.getYear() - from.getYear() > 30) {
      throw new IllegalArgumentException("the window " + from + " to " + to + " exceeds 30 years");
    }
    if (!(targetDefaultRate > 0.001 && targetDefaultRate < 0.2)) {
      throw new IllegalArgumentException(
          "target default rate must be in (0.001, 0.2), was " + targetDefaultRate);
    }
  }

  /** The default universe: 20,000 firms, 2021-01-01 to 2025-12-31, seed 42, with truth. */
  public static GeneratorConfig defaults() {
    return new GeneratorConfig(
        DEFAULT_FIRMS, DEFAULT_FROM, DEFAULT_TO, DEFAULT_SEED, true, DEFAULT_TARGET_DEFAULT_RATE);
  }

  public GeneratorConfig withFirms(long n) {
    return new GeneratorConfig(n, from, to, seed, writeTruth, targetDefaultRate);
  }

  public GeneratorConfig withSeed(long s) {
    return new GeneratorConfig(firms, from, to, s, writeTruth, targetDefaultRate);
  }

  public GeneratorConfig withTruth(boolean truth) {
    return new GeneratorConfig(firms, from, to, seed, truth, targetDefaultRate);
  }

  public GeneratorConfig withWindow(LocalDate f, LocalDate t) {
    return new GeneratorConfig(firms, f, t, seed, writeTruth, targetDefaultRate);
  }
}
