package dev.yocho.scoring.explain;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import java.util.Arrays;

/**
 * Reference implementation for tests: path-dependent TreeSHAP exactly as Algorithm 2 of Lundberg,
 * Erion and Lee (2018) (EXTEND, UNWIND and UNWOUNDSUM over the unique path, as in XGBoost's
 * {@code TreeShap}), with the same cover shares as {@link TreeShap}. {@link TreeShap} evaluates the
 * same values another way; the tests hold the two (and a brute-force Shapley) against each other.
 */
final class Algorithm2TreeShap {
  private final TreeEnsemble ensemble;
  private final CompactForest forest;
  private final int featureCount;
  private final int maxDepth;
  private final double expectedValue;
  /** Per global node: the share of the parent's mass that reaches the node (roots: 1). */
  private final double[] coverShare;
  /** up[d][i] = (i+1)/(d+1) and down[d][i] = (d−i)/(d+1): Algorithm 2's permutation weights. */
  private final double[][] up;
  private final double[][] down;
  /** Their reciprocals, so that the hot loops multiply instead of dividing. */
  private final double[][] inverseUpTable;
  private final double[][] inverseDownTable;

  Algorithm2TreeShap(TreeEnsemble ensemble) {
    this.ensemble = ensemble;
    this.forest = new CompactForest(ensemble);
    this.featureCount = ensemble.featureCount();
    this.maxDepth = forest.maxDepth;
    coverShare = new double[forest.nodeCount()];
    double expected = ensemble.baseMargin();
    for (int t = 0; t < forest.roots.length; t++) {
      Tree tree = ensemble.trees().get(t);
      int base = forest.roots[t];
      coverShare[base] = 1;
      for (int node = 0; node < tree.nodeCount(); node++) {
        if (!tree.isLeaf(node)) {
          int left = tree.left()[node];
          int right = tree.right()[node];
          double leftCover = tree.cover()[left];
          double rightCover = tree.cover()[right];
          if (!(leftCover >= 0 && rightCover >= 0) || Double.isInfinite(leftCover + rightCover)) {
            throw new IllegalArgumentException(
                "tree " + t + " node " + node + " has children covers " + leftCover + "/"
                    + rightCover + "; covers must be finite and non-negative");
          }
          double total = leftCover + rightCover;
          coverShare[base + left] = total > 0 ? leftCover / total : 0.5;
          coverShare[base + right] = total > 0 ? rightCover / total : 0.5;
        }
      }
      expected += meanValue(base);
    }
    this.expectedValue = expected;
    int size = maxDepth + 2;
    up = new double[size][size];
    down = new double[size][size];
    inverseUpTable = new double[size][size];
    inverseDownTable = new double[size][size];
    for (int d = 0; d < size; d++) {
      for (int i = 0; i <= d; i++) {
        up[d][i] = (i + 1.0) / (d + 1.0);
        down[d][i] = (d - i) / (d + 1.0);
        inverseUpTable[d][i] = (d + 1.0) / (i + 1.0);
        inverseDownTable[d][i] = i < d ? (d + 1.0) / (d - i) : 0.0;
      }
    }
  }

  public TreeEnsemble ensemble() {
    return ensemble;
  }

  /** φ_0: the base margin plus each tree's cover-weighted mean leaf value. */
  public double expectedValue() {
    return expectedValue;
  }

  /** A fresh workspace sized for this ensemble; keep one per thread. */
  public Workspace newWorkspace() {
    return new Workspace(maxDepth);
  }

  /**
   * Writes φ_j(x) into {@code phi[0 … featureCount-1]} (overwriting it) and returns φ_0, the
   * {@linkplain #expectedValue() expected value}.
   *
   * @param x feature values already rounded to float (NaN for missing)
   * @param workspace this thread's workspace, from {@link #newWorkspace()} of this instance
   */
  public double shap(float[] x, double[] phi, Workspace workspace) {
    if (x.length != featureCount || phi.length < featureCount) {
      throw new IllegalArgumentException(
          "expected " + featureCount + " features and contributions, got " + x.length + " and "
              + phi.length);
    }
    if (workspace.capacityDepth < maxDepth) {
      throw new IllegalArgumentException("workspace of another, deeper ensemble");
    }
    Arrays.fill(phi, 0, featureCount, 0.0);
    for (int root : forest.roots) {
      if (!forest.isLeaf(root)) {
        recurse(x, phi, workspace, root, 0, 0, 1.0, 1.0, -1);
      }
    }
    return expectedValue;
  }

  /** Convenience for one row: φ_0 and a new array of φ_j. Allocates; prefer the workspace form. */
  public ShapValues shap(float[] x) {
    double[] phi = new double[featureCount];
    double phi0 = shap(x, phi, newWorkspace());
    return new ShapValues(phi0, phi);
  }

  private double meanValue(int node) {
    if (forest.isLeaf(node)) {
      return forest.value[node];
    }
    int left = forest.left(node);
    int right = forest.right(node);
    return coverShare[left] * meanValue(left) + coverShare[right] * meanValue(right);
  }

  /**
   * One node of Algorithm 2. The caller's unique path lives at {@code parentStart} and has
   * {@code uniqueDepth} elements; this call copies it just past its end, so that the caller's copy
   * stays intact for its other child, and extends it with the caller's split.
   */
  private void recurse(
      float[] x,
      double[] phi,
      Workspace w,
      int node,
      int parentStart,
      int uniqueDepth,
      double parentZeroFraction,
      double parentOneFraction,
      int parentFeature) {
    int[] feature = w.feature;
    double[] zero = w.zero;
    double[] one = w.one;
    double[] weight = w.weight;
    int start = parentStart + uniqueDepth;
    // copy the caller's path and extend it (EXTEND of Algorithm 2) in one pass; the weights are
    // carried in a local rather than re-read from memory
    int d = uniqueDepth;
    for (int i = 0; i < d; i++) {
      feature[start + i] = feature[parentStart + i];
      zero[start + i] = zero[parentStart + i];
      one[start + i] = one[parentStart + i];
    }
    feature[start + d] = parentFeature;
    zero[start + d] = parentZeroFraction;
    one[start + d] = parentOneFraction;
    if (d == 0) {
      weight[start] = 1.0;
    } else {
      double[] upD = up[d];
      double[] downD = down[d];
      double above = 0.0;
      for (int i = d - 1; i >= 0; i--) {
        double wi = weight[parentStart + i];
        weight[start + i + 1] = above + parentOneFraction * wi * upD[i];
        above = parentZeroFraction * wi * downD[i];
      }
      weight[start] = above;
    }

    if (forest.isLeaf(node)) {
      leaf(phi, w, start, uniqueDepth, forest.value[node]);
      return;
    }

    int split = forest.feature(node);
    int hot = forest.child(node, x[split]);
    int cold = hot == forest.left(node) ? forest.right(node) : forest.left(node);

    double incomingZero = 1;
    double incomingOne = 1;
    int depth = uniqueDepth;
    int pathIndex = 1;
    while (pathIndex <= depth && feature[start + pathIndex] != split) {
      pathIndex++;
    }
    if (pathIndex <= depth) {
      // the feature was split on above: undo that extension and redo it with both fractions
      incomingZero = zero[start + pathIndex];
      incomingOne = one[start + pathIndex];
      unwind(w, start, depth, pathIndex);
      depth--;
    }
    recurse(x, phi, w, hot, start, depth + 1, coverShare[hot] * incomingZero, incomingOne, split);
    recurse(x, phi, w, cold, start, depth + 1, coverShare[cold] * incomingZero, 0.0, split);
  }

  /**
   * Adds the leaf's share to every feature on the path: for each element, the unwound path sum
   * (UNWOUNDSUM of Algorithm 2) times (one − zero) times the leaf value. The sums of all elements
   * are computed together, one pass over the path weights, so that their independent recurrences
   * overlap in the CPU; elements with a zero "one" fraction share one sum, divided by their own
   * zero fraction.
   */
  private void leaf(double[] phi, Workspace w, int start, int depth, double leafValue) {
    int[] feature = w.feature;
    double[] zero = w.zero;
    double[] one = w.one;
    double[] weight = w.weight;
    double[] next = w.next;
    double[] total = w.total;
    double[] inverseOne = w.inverseOne;
    double[] hotZero = w.hotZero;
    int[] hot = w.hot;
    double[] inverseUp = inverseUpTable[depth];
    double[] inverseDown = inverseDownTable[depth];
    double[] downD = down[depth];
    double last = weight[start + depth];
    // only elements on which x goes this leaf's way ("one" fraction non-zero) need their own sum
    int hotCount = 0;
    for (int p = 1; p <= depth; p++) {
      double o = one[start + p];
      if (o != 0) {
        hot[hotCount] = p;
        hotZero[hotCount] = zero[start + p];
        inverseOne[hotCount] = 1.0 / o;
        next[hotCount] = last;
        total[hotCount] = 0;
        hotCount++;
      }
    }
    double coldSum = 0;
    for (int i = depth - 1; i >= 0; i--) {
      double wi = weight[start + i];
      double upI = inverseUp[i];
      double downI = downD[i];
      coldSum += wi * inverseDown[i];
      for (int h = 0; h < hotCount; h++) {
        double tmp = next[h] * upI * inverseOne[h];
        total[h] += tmp;
        next[h] = wi - tmp * hotZero[h] * downI;
      }
    }
    for (int h = 0; h < hotCount; h++) {
      int el = start + hot[h];
      phi[feature[el]] += total[h] * (one[el] - zero[el]) * leafValue;
    }
    if (hotCount < depth) {
      for (int p = 1; p <= depth; p++) {
        int el = start + p;
        if (one[el] == 0 && zero[el] != 0) {
          phi[feature[el]] -= coldSum * leafValue; // (0 − zero) · coldSum / zero
        }
      }
    }
  }

  private void unwind(Workspace w, int start, int depth, int pathIndex) {
    double oneFraction = w.one[start + pathIndex];
    double zeroFraction = w.zero[start + pathIndex];
    double[] weight = w.weight;
    double[] inverseUp = inverseUpTable[depth];
    double[] downD = down[depth];
    double nextOnePortion = weight[start + depth];
    if (oneFraction != 0) {
      double inverseOne = 1.0 / oneFraction;
      for (int i = depth - 1; i >= 0; i--) {
        double tmp = weight[start + i];
        weight[start + i] = nextOnePortion * inverseOne * inverseUp[i];
        nextOnePortion = tmp - weight[start + i] * zeroFraction * downD[i];
      }
    } else {
      double inverseZero = 1.0 / zeroFraction;
      double[] inverseDown = inverseDownTable[depth];
      for (int i = depth - 1; i >= 0; i--) {
        weight[start + i] = weight[start + i] * inverseZero * inverseDown[i];
      }
    }
    for (int i = pathIndex; i < depth; i++) {
      w.feature[start + i] = w.feature[start + i + 1];
      w.zero[start + i] = w.zero[start + i + 1];
      w.one[start + i] = w.one[start + i + 1];
    }
  }

  /**
   * Per-thread scratch space: the unique paths of every recursion level, laid out one after the
   * other. Not thread-safe; reuse it for every row a thread explains.
   */
  public static final class Workspace {
    private final int capacityDepth;
    private final int[] feature;
    private final double[] zero;
    private final double[] one;
    private final double[] weight;
    private final double[] next;
    private final double[] total;
    private final double[] inverseOne;
    private final double[] hotZero;
    private final int[] hot;

    private Workspace(int maxDepth) {
      this.capacityDepth = maxDepth;
      int size = (maxDepth + 2) * (maxDepth + 3) / 2;
      feature = new int[size];
      zero = new double[size];
      one = new double[size];
      weight = new double[size];
      next = new double[maxDepth + 2];
      total = new double[maxDepth + 2];
      inverseOne = new double[maxDepth + 2];
      hotZero = new double[maxDepth + 2];
      hot = new int[maxDepth + 2];
    }
  }
}
