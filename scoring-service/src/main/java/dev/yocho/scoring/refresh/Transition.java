package dev.yocho.scoring.refresh;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A firm whose grade on {@code to.asOf()} differs from its previous refresh {@code from}.
 *
 * @param from the firm's latest grades row before the refresh date
 * @param to the firm's grades row on the refresh date
 */
public record Transition(GradeRow from, GradeRow to) {
  public Transition {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
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
