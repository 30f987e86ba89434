package dev.yocho.scoring.refresh;

import dev.yocho.features.compute.Tier;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One row of {@code grades}: a firm's grade on one refreshed date.
 *
 * @param asOf the refresh date
 * @param firmId the firm
 * @param modelVersion the bundle that scored it
 * @param tier the data tier whose model scored it
 * @param pd the calibrated PD after the master scale's floor
 * @param grade {@code G1} … {@code Gn}
 */
public record GradeRow(
    LocalDate asOf, long firmId, String modelVersion, Tier tier, double pd, String grade) {
  public GradeRow {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(tier, "tier");
    if (!(pd >= 0 && pd <= 1)) {
      throw new IllegalArgumentException("PD of firm " + firmId + " on " + asOf
          + " must be in [0, 1], was " + pd);
    }
    gradeNumber(grade);
  }

  /** The number of a grade label {@code G<n>}. */
  public static int gradeNumber(String grade) {
    if (grade != null && grade.length() > 1 && grade.charAt(0) == 'G') {
      try {
        int n = Integer.parseInt(grade.substring(1));
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    throw new IllegalArgumentException("not a grade: '" + grade + "'");
  }
}
