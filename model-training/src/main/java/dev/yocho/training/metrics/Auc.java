package dev.yocho.training.metrics;


/**
 * Area under the ROC curve, strict: the caller's data must have both classes and no NaN score
 * (cross-validation folds are built to), and a violation is named rather than returned as NaN. The
 * Mann-Whitney computation itself is {@link dev.yocho.features.metrics.Auc}, shared with the
 * generator's oracle AUC and the out-of-time validation.
 */
public final class Auc {
  private Auc() {}

  /**
   * The AUC of {@code scores} against {@code labels} ({@code true} = positive, the higher score
   * meaning the riskier firm).
   *
   * @throws IllegalArgumentException if the lengths differ, a score is NaN, or a class is absent
   */
  public static double of(double[] scores, boolean[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + labels.length + " labels");
    }
    int n = scores.length;
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("score " + i + " is NaN");
      }
      if (labels[i]) {
        positives++;
      }
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      throw new IllegalArgumentException(
          "AUC needs both classes, got " + positives + " positives and " + negatives
              + " negatives");
    }
    // the ranking itself is the shared Mann-Whitney implementation (ties count one half)
    return dev.yocho.features.metrics.Auc.of(scores, labels);
  }
}
