package dev.yocho.features.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve by the Mann-Whitney statistic, with tied scores counted as one half.
 * Used wherever yocho reports discrimination (the generator's oracle AUC, training, backtests).
 */
public final class Auc {
  private Auc() {}

  /**
   * AUC of {@code scores} (higher = riskier) against {@code positive} labels; NaN when one class
   * is empty.
   */
  public static double of(double[] scores, boolean[] positive, int n) {
    if (scores.length < n || positive.length < n) {
      throw new IllegalArgumentException("arrays shorter than n = " + n);
    }
    int[] order = sortedOrder(scores, n);
    long positives = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i]) {
        positives++;
      }
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double rankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      double s = scores[order[i]];
      while (j < n && scores[order[j]] == s) {
        j++;
      }
      double averageRank = (i + 1 + j) / 2.0; // ranks i+1 … j
      for (int k = i; k < j; k++) {
        if (positive[order[k]]) {
          rankSum += averageRank;
        }
      }
      i = j;
    }
    return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  public static double of(double[] scores, boolean[] positive) {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException(
          "scores (" + scores.length + ") and labels (" + positive.length + ") differ in length");
    }
    return of(scores, positive, scores.length);
  }

  private static int[] sortedOrder(double[] scores, int n) {
    double[] copy = Arrays.copyOf(scores, n);
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    // a merge sort of an index permutation by score: O(n log n), no boxing
    int[] tmp = new int[n];
    mergeSort(idx, tmp, copy, 0, n);
    return idx;
  }

  private static void mergeSort(int[] idx, int[] tmp, double[] s, int lo, int hi) {
    if (hi - lo < 2) {
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(idx, tmp, s, lo, mid);
    mergeSort(idx, tmp, s, mid, hi);
    int i = lo;
    int j = mid;
    int k = lo;
    while (i < mid && j < hi) {
      tmp[k++] = Double.compare(s[idx[i]], s[idx[j]]) <= 0 ? idx[i++] : idx[j++];
    }
    while (i < mid) {
      tmp[k++] = idx[i++];
    }
    while (j < hi) {
      tmp[k++] = idx[j++];
    }
    System.arraycopy(tmp, lo, idx, lo, hi - lo);
  }
}
