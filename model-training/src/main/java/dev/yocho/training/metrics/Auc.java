package dev.yocho.training.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve as the Mann-Whitney U statistic: the probability that a randomly drawn
 * positive scores higher than a randomly drawn negative, a tie counting one half. Computed from
 * mid-ranks in {@code O(n log n)}.
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
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    // Sum of the (1-based, mid-) ranks of the positives; a run of tied scores shares the mean rank.
    double positiveRankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]]) {
          positiveRankSum += midRank;
        }
      }
      i = j + 1;
    }
    double u = positiveRankSum - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }
}
