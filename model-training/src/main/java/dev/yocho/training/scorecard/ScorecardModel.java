package dev.yocho.training.scorecard;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.provenance.TrainingProvenance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A fitted logistic scorecard: margin = intercept + Σ_j coefficient_j × WoE_j(x_j).
 *
 * @param featureNames the model's feature order
 * @param binnings the binning of each feature, in feature order
 * @param coefficients the logistic coefficient of each feature's WoE
 * @param intercept the logistic intercept
 */
public record ScorecardModel(
    List<String> featureNames,
    List<FeatureBinning> binnings,
    double[] coefficients,
    double intercept,
    ScorecardConfig config,
    TrainingProvenance provenance) {

  /** Threshold of the split that separates the missing bin: no finite float lies below it. */
  static final float MISSING_SPLIT = -Float.MAX_VALUE;

  public ScorecardModel {
    featureNames = List.copyOf(featureNames);
    binnings = List.copyOf(binnings);
    coefficients = coefficients.clone();
    if (binnings.size() != featureNames.size() || coefficients.length != featureNames.size()) {
      throw new IllegalArgumentException(
          featureNames.size() + " features but " + binnings.size() + " binnings and "
              + coefficients.length + " coefficients");
    }
    for (int j = 0; j < coefficients.length; j++) {
      if (!Double.isFinite(coefficients[j])) {
        throw new IllegalArgumentException(
            "coefficient of " + featureNames.get(j) + " is " + coefficients[j]);
      }
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept is " + intercept);
    }
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(provenance, "provenance");
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The additive contribution of feature {@code j} at value {@code value}. */
  public double contribution(int j, double value) {
    return coefficients[j] * binnings.get(j).woeOf(value);
  }

  /** The raw margin (log-odds) of one row ({@code NaN} = missing). */
  public double margin(double[] row) {
    if (row.length != featureNames.size()) {
      throw new IllegalArgumentException(
          "expected " + featureNames.size() + " features, got " + row.length);
    }
    double sum = intercept;
    for (int j = 0; j < row.length; j++) {
      sum += contribution(j, row[j]);
    }
    return sum;
  }

  /**
   * The scorecard as a tree ensemble: the intercept as base margin and one tree per feature. Each
   * tree's root sends the missing bin (through its default direction) to a leaf of its own, with a
   * threshold no finite value is below; the other bins hang below the root as a balanced tree on
   * the cut points. Leaves hold coefficient × WoE; covers are training row counts.
   */
  public TreeEnsemble toTreeEnsemble() {
    List<Tree> trees = new ArrayList<>();
    for (int j = 0; j < featureNames.size(); j++) {
      trees.add(featureTree(j));
    }
    return new TreeEnsemble(featureNames.size(), intercept, trees);
  }

  private Tree featureTree(int j) {
    FeatureBinning binning = binnings.get(j);
    int nodes = 2 * binning.binCount() + 1;
    TreeBuilder builder = new TreeBuilder(nodes);
    long present = Arrays.stream(binning.counts()).sum();
    int root = builder.add();
    int missing = builder.add();
    builder.leaf(missing, coefficients[j] * binning.missingWoe(), binning.missingCount());
    int bins = buildBins(builder, j, binning, 0, binning.binCount() - 1);
    builder.split(root, j, MISSING_SPLIT, missing, bins, true, binning.missingCount() + present);
    return builder.build();
  }

  private int buildBins(TreeBuilder builder, int j, FeatureBinning binning, int lo, int hi) {
    int node = builder.add();
    long cover = 0;
    for (int b = lo; b <= hi; b++) {
      cover += binning.counts()[b];
    }
    if (lo == hi) {
      builder.leaf(node, coefficients[j] * binning.woe()[lo], cover);
      return node;
    }
    int mid = (lo + hi + 1) >>> 1;
    int left = buildBins(builder, j, binning, lo, mid - 1);
    int right = buildBins(builder, j, binning, mid, hi);
    // No missing value reaches below the root; the default direction here is never taken.
    builder.split(node, j, binning.cuts()[mid - 1], left, right, true, cover);
    return node;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScorecardModel m
        && featureNames.equals(m.featureNames)
        && binnings.equals(m.binnings)
        && Arrays.equals(coefficients, m.coefficients)
        && Double.compare(intercept, m.intercept) == 0
        && config.equals(m.config);
  }

  @Override
  public int hashCode() {
    return Objects.hash(featureNames, binnings, Arrays.hashCode(coefficients), intercept);
  }

  @Override
  public String toString() {
    return "ScorecardModel[" + featureNames.size() + " features, intercept " + intercept + "]";
  }

  /** Flat node arrays filled in pre-order, so children always follow their parent. */
  private static final class TreeBuilder {
    final int[] feature;
    final float[] threshold;
    final int[] left;
    final int[] right;
    final boolean[] defaultLeft;
    final double[] value;
    final double[] cover;
    int size;

    TreeBuilder(int capacity) {
      feature = new int[capacity];
      threshold = new float[capacity];
      left = new int[capacity];
      right = new int[capacity];
      defaultLeft = new boolean[capacity];
      value = new double[capacity];
      cover = new double[capacity];
    }

    int add() {
      return size++;
    }

    void leaf(int node, double leafValue, long count) {
      feature[node] = -1;
      left[node] = -1;
      right[node] = -1;
      value[node] = leafValue;
      cover[node] = count;
    }

    void split(int node, int j, float cut, int leftChild, int rightChild, boolean missingLeft,
        long count) {
      feature[node] = j;
      threshold[node] = cut;
      left[node] = leftChild;
      right[node] = rightChild;
      defaultLeft[node] = missingLeft;
      cover[node] = count;
    }

    Tree build() {
      return new Tree(
          Arrays.copyOf(feature, size), Arrays.copyOf(threshold, size), Arrays.copyOf(left, size),
          Arrays.copyOf(right, size), Arrays.copyOf(defaultLeft, size),
          Arrays.copyOf(value, size), Arrays.copyOf(cover, size));
    }
  }
}
