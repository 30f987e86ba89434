package dev.yocho.training.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified K-fold assignment, deterministic for a seed: every fold receives the same share of
 * defaults (to within one) and of non-defaults.
 *
 * <p>The assignment reproduces scikit-learn's {@code StratifiedKFold(n_splits=k, shuffle=True,
 * random_state=seed)} (version 0.22 and later) exactly, so that yocho's cross-validation and the
 * Python peers ({@code shared/peers/tabular_cv.py}) score the same held-out rows: the classes are
 * numbered in order of first appearance; the rows of each class, sorted, are dealt round-robin to
 * the folds to fix per-fold counts; then each class's fold labels are shuffled with NumPy's
 * legacy Mersenne Twister seeded with {@code seed}, one class after the other.
 */
public final class StratifiedFolds {
  private StratifiedFolds() {}

  /**
   * The test fold ({@code 0 … folds-1}) of each row.
   *
   * @throws IllegalArgumentException if {@code folds < 2}, a class has fewer rows than folds, or
   *     {@code seed} is outside {@code [0, 2^32 - 1]}
   */
  public static int[] assign(boolean[] labels, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("folds must be at least 2, was " + folds);
    }
    if (labels.length == 0) {
      throw new IllegalArgumentException("no rows to split into folds");
    }
    // Class 0 is the label value seen first, as np.unique(return_index) ranks them.
    boolean firstClass = labels[0];
    int[] classCounts = new int[2];
    for (boolean label : labels) {
      classCounts[label == firstClass ? 0 : 1]++;
    }
    int classes = classCounts[1] == 0 ? 1 : 2;
    for (int k = 0; k < classes; k++) {
      if (classCounts[k] < folds) {
        throw new IllegalArgumentException(
            "cannot split " + classCounts[k] + " rows of class " + (k == 0 ? firstClass
                : !firstClass) + " into " + folds + " folds");
      }
    }
    // allocation[f][k]: rows of class k in fold f, from dealing the sorted class codes round-robin.
    int n = labels.length;
    int[][] allocation = new int[folds][2];
    for (int position = 0; position < n; position++) {
      int classCode = position < classCounts[0] ? 0 : 1;
      allocation[position % folds][classCode]++;
    }
    Mt19937 random = new Mt19937(seed);
    int[] testFold = new int[n];
    for (int k = 0; k < classes; k++) {
      int[] foldsForClass = new int[classCounts[k]];
      int next = 0;
      for (int f = 0; f < folds; f++) {
        for (int c = 0; c < allocation[f][k]; c++) {
          foldsForClass[next++] = f;
        }
      }
      random.shuffle(foldsForClass);
      int taken = 0;
      for (int i = 0; i < n; i++) {
        if ((labels[i] == firstClass ? 0 : 1) == k) {
          testFold[i] = foldsForClass[taken++];
        }
      }
    }
    return testFold;
  }

  /** The row indices whose fold is {@code fold} ({@code test}) or is not ({@code !test}). */
  public static int[] rows(int[] assignment, int fold, boolean test) {
    List<Integer> selected = new ArrayList<>();
    for (int i = 0; i < assignment.length; i++) {
      if ((assignment[i] == fold) == test) {
        selected.add(i);
      }
    }
    return selected.stream().mapToInt(Integer::intValue).toArray();
  }
}
