package dev.yocho.scoring.explain;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.Tier;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Why a firm's grade (its model's raw margin) moved between two dates (DESIGN section 6). The move
 * {@code logitTo − logitFrom} splits exactly into {@code modelEffect} (f_new(x_b) − f_old(x_b),
 * zero when one model of one tier scored both dates) and the data effect f_old(x_b) − f_old(x_a),
 * which the {@code contributions} (baseline Shapley values on f_old, catalogue order) sum to.
 *
 * @param firmId the firm
 * @param from the earlier date a
 * @param to the later date b
 * @param gradeFrom the grade at a
 * @param gradeTo the grade at b
 * @param pdFrom the PD at a
 * @param pdTo the PD at b
 * @param modelFrom model version that scored a
 * @param modelTo model version that scored b
 * @param tierFrom data tier at a
 * @param tierTo data tier at b
 * @param logitFrom f_old(x_a), the raw margin at a
 * @param logitTo f_new(x_b), the raw margin at b
 * @param modelEffect f_new(x_b) − f_old(x_b)
 * @param contributions per feature in catalogue order, summing to f_old(x_b) − f_old(x_a)
 * @param reasons the top adverse then the top favourable drivers
 */
public record MoveExplanation(
    long firmId,
    LocalDate from,
    LocalDate to,
    String gradeFrom,
    String gradeTo,
    double pdFrom,
    double pdTo,
    String modelFrom,
    String modelTo,
    Tier tierFrom,
    Tier tierTo,
    double logitFrom,
    double logitTo,
    double modelEffect,
    double[] contributions,
    List<Reason> reasons) {

  public MoveExplanation {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("an explanation runs forward in time: from " + from
          + " is not before to " + to);
    }
    Objects.requireNonNull(gradeFrom, "gradeFrom");
    Objects.requireNonNull(gradeTo, "gradeTo");
    Objects.requireNonNull(modelFrom, "modelFrom");
    Objects.requireNonNull(modelTo, "modelTo");
    Objects.requireNonNull(tierFrom, "tierFrom");
    Objects.requireNonNull(tierTo, "tierTo");
    contributions = contributions.clone();
    if (contributions.length != FeatureCatalogue.current().size()) {
      throw new IllegalArgumentException("an explanation needs " + FeatureCatalogue.current().size()
          + " contributions, got " + contributions.length);
    }
    for (int j = 0; j < contributions.length; j++) {
      if (!Double.isFinite(contributions[j])) {
        throw new IllegalArgumentException("contribution of feature " + j + " is "
            + contributions[j]);
      }
    }
    if (!Double.isFinite(logitFrom) || !Double.isFinite(logitTo)
        || !Double.isFinite(modelEffect)) {
      throw new IllegalArgumentException("non-finite margins: " + logitFrom + ", " + logitTo
          + ", model effect " + modelEffect);
    }
    reasons = List.copyOf(reasons);
  }

  /** A copy of the contributions, catalogue order. */
  @Override
  public double[] contributions() {
    return contributions.clone();
  }

  public double contribution(int feature) {
    return contributions[feature];
  }

  public double deltaLogit() {
    return logitTo - logitFrom;
  }

  /** f_old(x_b) − f_old(x_a) = Σ contributions. */
  public double dataEffect() {
    double sum = 0;
    for (double c : contributions) {
      sum += c;
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MoveExplanation e && e.firmId == firmId && e.from.equals(from)
        && e.to.equals(to) && e.gradeFrom.equals(gradeFrom) && e.gradeTo.equals(gradeTo)
        && Double.compare(e.pdFrom, pdFrom) == 0 && Double.compare(e.pdTo, pdTo) == 0
        && e.modelFrom.equals(modelFrom) && e.modelTo.equals(modelTo) && e.tierFrom == tierFrom
        && e.tierTo == tierTo && Double.compare(e.logitFrom, logitFrom) == 0
        && Double.compare(e.logitTo, logitTo) == 0
        && Double.compare(e.modelEffect, modelEffect) == 0
        && java.util.Arrays.equals(e.contributions, contributions) && e.reasons.equals(reasons);
  }

  @Override
  public int hashCode() {
    return Objects.hash(firmId, from, to, gradeFrom, gradeTo, modelFrom, modelTo)
        * 31 + java.util.Arrays.hashCode(contributions);
  }

  @Override
  public String toString() {
    return "MoveExplanation[firm " + firmId + ", " + from + " " + gradeFrom + " → " + to + " "
        + gradeTo + ", Δlogit " + deltaLogit() + ", model effect " + modelEffect + ", "
        + reasons.size() + " reasons]";
  }
}
