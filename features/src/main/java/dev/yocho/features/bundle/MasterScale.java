package dev.yocho.features.bundle;

import java.util.ArrayList;
import java.util.List;

/**
 * The master scale: grades G1 (safest) … Gn (riskiest) with fixed upper PD bounds, a regulatory
 * PD floor, and "D" for defaulted firms. Versioned, so that a bundle records which scale its grades
 * were cut with.
 *
 * @param version identifier stored with every bundle
 * @param pdFloor PDs below it are raised to it before grading (0.03% by default)
 * @param upperBounds exclusive upper PD bound of G1 … G(n-1); the last grade has no upper bound
 */
public record MasterScale(String version, double pdFloor, List<Double> upperBounds) {

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
  }

  /** DESIGN section 4: bands double from 0.05% (G1) to 12.8% (G9); G10 above; floor 0.03%. */
  public static MasterScale standard() {
    List<Double> bounds = new ArrayList<>();
    double b = 0.0005;
    for (int g = 1; g <= 9; g++) {
      bounds.add(b);
      b *= 2;
    }
    return new MasterScale("ms-2025.1", 0.0003, bounds);
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
