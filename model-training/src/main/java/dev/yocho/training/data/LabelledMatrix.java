package dev.yocho.training.data;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A dense design matrix with binary labels. {@code rows[i][j]} is feature {@code featureNames[j]}
 * of observation {@code i}, {@code NaN} when missing; {@code labels[i]} is {@code true} for a
 * default (the positive class). Column order is the model's feature order.
 *
 * <p>The arrays are shared, not copied (training matrices can be large): callers must not modify
 * them after construction.
 */
public record LabelledMatrix(List<String> featureNames, double[][] rows, boolean[] labels) {

  public LabelledMatrix {
    featureNames = List.copyOf(featureNames);
    if (featureNames.isEmpty()) {
      throw new IllegalArgumentException("a matrix needs at least one feature");
    }
    Set<String> seen = new HashSet<>();
    for (String name : featureNames) {
      if (!seen.add(name)) {
        throw new IllegalArgumentException("feature name '" + name + "' appears twice");
      }
    }
    if (rows.length != labels.length) {
      throw new IllegalArgumentException(rows.length + " rows but " + labels.length + " labels");
    }
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != featureNames.size()) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " values, expected " + featureNames.size());
      }
    }
  }

  public int rowCount() {
    return rows.length;
  }

  public int featureCount() {
    return featureNames.size();
  }

  public int positives() {
    int count = 0;
    for (boolean label : labels) {
      if (label) {
        count++;
      }
    }
    return count;
  }

  /** Column {@code j} as a new array. */
  public double[] column(int j) {
    double[] column = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      column[i] = rows[i][j];
    }
    return column;
  }

  /** The rows at {@code indices}, in that order (row arrays shared with this matrix). */
  public LabelledMatrix subset(int[] indices) {
    double[][] subRows = new double[indices.length][];
    boolean[] subLabels = new boolean[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= rows.length) {
        throw new IllegalArgumentException("row index " + i + " outside [0, " + rows.length + ")");
      }
      subRows[k] = rows[i];
      subLabels[k] = labels[i];
    }
    return new LabelledMatrix(featureNames, subRows, subLabels);
  }

  /** Fails unless both classes are present, naming the counts. */
  public void requireBothClasses() {
    int positives = positives();
    if (positives == 0 || positives == rows.length) {
      throw new IllegalArgumentException(
          "training needs both classes, got " + positives + " positives in " + rows.length
              + " rows");
    }
  }
}
