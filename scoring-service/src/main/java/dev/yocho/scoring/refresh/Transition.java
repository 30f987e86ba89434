package dev.yocho.scoring.refresh;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A firm whose published grade on {@code to.asOf()} differs from its previous refresh's.
 *
 * @param from the firm's grades row on the refresh that had set the grade moved from (its {@code
 *     grade_since}), so that the move covers the whole change since the grade was set
 * @param to the firm's grades row on the refresh date
 * @param basis why the policy moved the grade ({@link GradePolicy.Basis#NEW_FACT} or {@link
 *     GradePolicy.Basis#SUSTAINED})
 */
public record Transition(GradeRow from, GradeRow to, GradePolicy.Basis basis) {
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(basis, "basis");
    if (basis == GradePolicy.Basis.FIRST) {
      throw new IllegalArgumentException("a firm's first grade is not a transition");
    }
    if (from.firmId() != to.firmId()) {
      throw new IllegalArgumentException("a transition joins rows of one firm, not " + from.firmId()
          + " and " + to.firmId());
    }
    if (!from.asOf().isBefore(to.asOf())) {
      throw new IllegalArgumentException("transition of firm " + to.firmId() + ": " + from.asOf()
          + " is not before " + to.asOf());
    }
    if (from.grade().equals(to.grade())) {
      throw new IllegalArgumentException("firm " + to.firmId() + " kept grade " + to.grade()
          + ": not a transition");
    }
  }

  public long firmId() {
    return to.firmId();
  }

  public LocalDate previousAsOf() {
    return from.asOf();
  }

  /** Grade number after minus before: positive is a downgrade (riskier), negative an upgrade. */
  public int notches() {
    return GradeRow.gradeNumber(to.grade()) - GradeRow.gradeNumber(from.grade());
  }
}
