package dev.yocho.features.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * The master scale: grades G1 (safest) … Gn (riskiest) with fixed upper PD bounds, a regulatory
 * PD floor, "D" for defaulted firms, and the stability rules of the published grade. Versioned, so
 * that a bundle records which scale its grades were cut with.
 *
 * <p>The PD is computed every day; its grade on the bands is the <em>raw</em> grade. The
 * <em>published</em> grade moves only by the {@link Stability} rules (the scoring service's
 * {@code GradePolicy} applies them): the PD must leave the published grade's band by the
 * hysteresis factor, and the move needs either a new fact about the firm that pushed the PD that
 * way, or a PD outside the band at every refresh for a sustained number of days.
 *
 * @param version identifier stored with every bundle
 * @param pdFloor PDs below it are raised to it before grading (0.03% by default)
 * @param upperBounds exclusive upper PD bound of G1 … G(n-1); the last grade has no upper bound
 * @param stability the published grade's stability rules; absent (a bundle written before they
 *     existed) means {@link Stability#standard()}
 */
public record MasterScale(
    String version, double pdFloor, List<Double> upperBounds, Stability stability) {

  /** Grade label for defaulted firms. */
  public static final String DEFAULTED = "D";

  public MasterScale {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("master scale needs a version");
    }
    if (!(pdFloor >= 0 && pdFloor < 1)) {
      throw new IllegalArgumentException("pdFloor must be in [0, 1), was " + pdFloor);
    }
    upperBounds = List.copyOf(upperBounds);
    if (upperBounds.isEmpty()) {
      throw new IllegalArgumentException("a master scale needs at least one bound");
    }
    double previous = 0;
    for (double b : upperBounds) {
      if (!(b > previous && b < 1)) {
        throw new IllegalArgumentException(
            "bounds must increase strictly within (0, 1): " + upperBounds);
      }
      previous = b;
    }
    if (stability == null) {
      stability = Stability.standard();
    }
  }

  /**
   * When the published grade may move (versioned on its own: a bundle written before the rules
   * existed reads them as {@link #standard()}).
   *
   * @param version identifier of the rules, stored with every refresh's summary
   * @param hysteresis the PD must be at least the band's upper bound times this factor (or below
   *     its lower bound divided by it) before the published grade may move; 1 is no hysteresis
   * @param sustainedDays without a new fact behind it, a PD outside the band must have been
   *     outside at every refresh for at least this many days before the grade moves
   */
  public record Stability(String version, double hysteresis, int sustainedDays) {
    public Stability {
      if (version == null || version.isBlank()) {
        throw new IllegalArgumentException("stability rules need a version");
      }
      if (!(hysteresis >= 1 && hysteresis <= 4)) {
        throw new IllegalArgumentException("hysteresis must be in [1, 4], was " + hysteresis);
      }
      if (sustainedDays < 1 || sustainedDays > 3660) {
        throw new IllegalArgumentException("sustainedDays must be in [1, 3660], was "
            + sustainedDays);
      }
    }

    /**
     * The rules of {@code gp-2026.1}: the PD must pass the band's edge by a factor of 1.5 (half
     * of the next band, on bands that double), and a move without a new fact needs 90 days
     * outside, so that an inquiry or an event leaving a 30- or 90-day window never moves a grade
     * back and forth on its own.
     */
    public static Stability standard() {
      return new Stability("gp-2026.1", 1.5, 90);
    }
  }

  /** DESIGN section 4: bands double from 0.05% (G1) to 12.8% (G9); G10 above; floor 0.03%. */
  public static MasterScale standard() {
    List<Double> bounds = new ArrayList<>();
    double b = 0.0005;
    for (int g = 1; g <= 9; g++) {
      bounds.add(b);
      b *= 2;
    }
    return new MasterScale("ms-2025.1", 0.0003, bounds, Stability.standard());
  }

  /** Inclusive lower PD bound of grade {@code gradeNumber} (0 for G1). */
  public double lowerBound(int gradeNumber) {
    label(gradeNumber);
    return gradeNumber == 1 ? 0.0 : upperBounds.get(gradeNumber - 2);
  }

  /** Exclusive upper PD bound of grade {@code gradeNumber} (infinite for the last grade). */
  public double upperBound(int gradeNumber) {
    label(gradeNumber);
    return gradeNumber == gradeCount() ? Double.POSITIVE_INFINITY
        : upperBounds.get(gradeNumber - 1);
  }

  /**
   * Where {@code pd} lies against the band of {@code gradeNumber} widened by the stability rules'
   * hysteresis: +1 at or above the upper bound times the factor (riskier), -1 below the lower
   * bound divided by it (safer), 0 inside.
   */
  public int outsideBand(int gradeNumber, double pd) {
    double p = floored(pd);
    double h = stability.hysteresis();
    if (p >= upperBound(gradeNumber) * h) {
      return 1;
    }
    return p < lowerBound(gradeNumber) / h ? -1 : 0;
  }

  public int gradeCount() {
    return upperBounds.size() + 1;
  }

  /** PD after the floor. */
  public double floored(double pd) {
    if (Double.isNaN(pd) || pd < 0 || pd > 1) {
      throw new IllegalArgumentException("PD must be in [0, 1], was " + pd);
    }
    return Math.max(pd, pdFloor);
  }

  /** Grade number 1 … n of a PD (after the floor). */
  public int gradeNumber(double pd) {
    double p = floored(pd);
    for (int g = 0; g < upperBounds.size(); g++) {
      if (p < upperBounds.get(g)) {
        return g + 1;
      }
    }
    return gradeCount();
  }

  /** Grade label, e.g. {@code G7}. */
  public String grade(double pd) {
    return label(gradeNumber(pd));
  }

  public String label(int gradeNumber) {
    if (gradeNumber < 1 || gradeNumber > gradeCount()) {
      throw new IllegalArgumentException("no grade " + gradeNumber + " on " + version);
    }
    return "G" + gradeNumber;
  }

  /** Parses {@code G1} … {@code Gn}; {@code D} is not a number and is rejected. */
  public int parse(String label) {
    if (label != null && label.startsWith("G")) {
      try {
        int g = Integer.parseInt(label.substring(1));
        if (g >= 1 && g <= gradeCount()) {
          return g;
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("not a grade on " + version + ": '" + label + "'");
  }
}
