package dev.yocho.scoring.explain;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import java.util.Arrays;

/**
 * Path-dependent TreeSHAP (Lundberg, Erion and Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles"): exact Shapley values of the game {@code v(S) = E[f(x) | x_S]},
 * where the conditional expectation follows the training mass of each node (its cover) down both
 * branches of every split on a feature outside {@code S}. {@code expectedValue() + Σ φ_j(x)} equals
 * the margin up to rounding.
 *
 * <p>The values are those of the paper's Algorithm 2, which walks each tree once keeping the
 * "unique path" of features with, for each, the share of cover that follows the branch (its zero
 * fraction {@code z}) and whether {@code x} follows it (its one fraction {@code o}, 0 or 1), a
 * feature split twice on a path being merged into one element. At a leaf with value {@code v} and
 * {@code d} path elements, Algorithm 2 gives element {@code p}
 *
 * <pre>
 *   φ_p += v (o_p − z_p) Σ_{S ⊆ path∖p} |S|! (d−1−|S|)! / d! · Π_{k∈S} o_k · Π_{k∉S, k≠p} z_k
 *        = v (o_p − z_p) ∫₀¹ Π_{k≠p} (z_k (1−u) + o_k u) du
 * </pre>
 *
 * (the Beta integral {@code ∫ u^s (1−u)^(d−1−s) du = s!(d−1−s)!/d!}). Instead of Algorithm 2's
 * EXTEND/UNWIND recurrences on permutation weights, this class evaluates the integral, a polynomial
 * of degree {@code d−1}, exactly by Gauss–Legendre quadrature with {@code ⌈maxDepth/2⌉} points,
 * keeping along the path the product {@code G(u_j) = Π_k (z_k (1−u_j) + o_k u_j)} at those points
 * (the idea of "Linear TreeShap", Yu et al., NeurIPS 2022). A node costs O(points) and a leaf
 * O(d + hot·points) instead of O(d²), with no allocation. Elements {@code x} does not follow
 * ({@code o = 0}) all receive the same {@code −v ∫ G(u)/(1−u) du}. The Algorithm 2 recurrences are
 * kept in the tests as a reference.
 *
 * <p>The share of a node's cover sent to each child is normalised by the sum of the two children's
 * covers, so that the identity with the margin holds even if stored covers are not exactly additive
 * (two zero-cover children get half each).
 *
 * <p>Thread safety: an instance is immutable and shared; each thread uses its own
 * {@link Workspace}.
 */
public final class TreeShap {
  private final TreeEnsemble ensemble;
  private final CompactForest forest;
  private final int featureCount;
  private final int maxDepth;
  private final double expectedValue;
  /** Per global node: the share of the parent's cover that reaches the node (roots: 1). */
  private final double[] coverShare;
  /** Gauss–Legendre points on [0, 1], their weights, and weight / (1 − point). */
  private final int points;
  private final double[] nodes;
  private final double[] weights;
  private final double[] coldWeights;
  private final double[] inverseOneMinusNode;

  public TreeShap(TreeEnsemble ensemble) {
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
    // exact for the integrand's degree d − 1 ≤ maxDepth − 1 ≤ 2·points − 1
    points = Math.max(1, (maxDepth + 1) / 2);
    nodes = new double[points];
    weights = new double[points];
    GaussLegendre.unitInterval(points, nodes, weights);
    coldWeights = new double[points];
    inverseOneMinusNode = new double[points];
    for (int j = 0; j < points; j++) {
      coldWeights[j] = weights[j] / (1 - nodes[j]);
      inverseOneMinusNode[j] = 1 / (1 - nodes[j]);
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
    return new Workspace(featureCount, maxDepth, points);
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
    if (workspace.position.length != featureCount
        || workspace.depthCapacity < maxDepth
        || workspace.points != points) {
      throw new IllegalArgumentException("workspace of another ensemble");
    }
    Arrays.fill(phi, 0, featureCount, 0.0);
    Arrays.fill(workspace.product, 0, points, 1.0);
    workspace.zeros[0] = 0;
    for (int root : forest.roots) {
      if (!forest.isLeaf(root)) {
        visit(x, phi, workspace, root, 0, 0);
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
   * Visits split node {@code node} at recursion depth {@code level}; the path above it holds
   * {@code count} elements whose factors' product at the quadrature points is at {@code level} in
   * the workspace.
   */
  private void visit(float[] x, double[] phi, Workspace w, int node, int level, int count) {
    int k = points;
    int split = forest.feature(node);
    int hot = forest.child(node, x[split]);
    int cold = hot == forest.left(node) ? forest.right(node) : forest.left(node);
    int element = w.position[split];
    if (element < 0) {
      w.position[split] = count;
      w.feature[count] = split;
      int zeros = w.zeros[level];
      double[] product = w.product;
      int from = level * k;
      descend(x, phi, w, hot, level, count + 1, count, coverShare[hot], 1.0, product, from, zeros);
      descend(
          x, phi, w, cold, level, count + 1, count, coverShare[cold], 0.0, product, from, zeros);
      w.position[split] = -1;
      return;
    }
    // the feature was split on above: its element now stands for both splits, with the product of
    // the zero fractions and of the one fractions; divide its old factor out of the product first
    double oldZero = w.zero[element];
    double oldOne = w.one[element];
    double[] base = w.base;
    double[] product = w.product;
    int from = level * k;
    int baseZeros = w.zeros[level];
    if (oldOne != 0) {
      for (int j = 0; j < k; j++) {
        base[from + j] = product[from + j] * w.inverse[element * k + j];
      }
    } else if (oldZero != 0) {
      double inverseZero = 1.0 / oldZero;
      for (int j = 0; j < k; j++) {
        base[from + j] = product[from + j] * inverseZero * inverseOneMinusNode[j];
      }
    } else {
      baseZeros--; // a zero factor is counted, never multiplied in
      System.arraycopy(product, from, base, from, k);
    }
    double hotZero = oldZero * coverShare[hot];
    double coldZero = oldZero * coverShare[cold];
    descend(x, phi, w, hot, level, count, element, hotZero, oldOne, base, from, baseZeros);
    descend(x, phi, w, cold, level, count, element, coldZero, 0.0, base, from, baseZeros);
    setElement(w, element, oldZero, oldOne);
  }

  /**
   * Sets path element {@code element} to (zero, one), multiplies its factor into the base product
   * to make the next level's, and goes on to {@code child}.
   */
  private void descend(
      float[] x,
      double[] phi,
      Workspace w,
      int child,
      int level,
      int count,
      int element,
      double zero,
      double one,
      double[] base,
      int baseOffset,
      int baseZeros) {
    int k = points;
    double[] product = w.product;
    int to = (level + 1) * k;
    int zeros = baseZeros;
    setElement(w, element, zero, one);
    if (one != 0) {
      for (int j = 0; j < k; j++) {
        product[to + j] = base[baseOffset + j] * (zero * (1 - nodes[j]) + one * nodes[j]);
      }
    } else if (zero != 0) {
      for (int j = 0; j < k; j++) {
        product[to + j] = base[baseOffset + j] * zero * (1 - nodes[j]);
      }
    } else {
      zeros++;
      System.arraycopy(base, baseOffset, product, to, k);
    }
    w.zeros[level + 1] = zeros;
    if (forest.isLeaf(child)) {
      leaf(phi, w, level + 1, count, forest.value[child]);
    } else {
      visit(x, phi, w, child, level + 1, count);
    }
  }

  private void setElement(Workspace w, int element, double zero, double one) {
    w.zero[element] = zero;
    w.one[element] = one;
    if (one != 0) {
      int k = points;
      for (int j = 0; j < k; j++) {
        w.inverse[element * k + j] = 1.0 / (zero * (1 - nodes[j]) + one * nodes[j]);
      }
    }
  }

  /** Adds a leaf's value to the path elements' φ, per the integral in the class comment. */
  private void leaf(double[] phi, Workspace w, int level, int count, double value) {
    if (w.zeros[level] > 0) {
      return; // a zero-cover branch on the path: every element's integrand vanishes
    }
    int k = points;
    double[] product = w.product;
    int at = level * k;
    double coldShare = 0;
    boolean coldSeen = false;
    for (int e = 0; e < count; e++) {
      if (w.one[e] != 0) {
        double sum = 0;
        int inv = e * k;
        for (int j = 0; j < k; j++) {
          sum += weights[j] * product[at + j] * w.inverse[inv + j];
        }
        phi[w.feature[e]] += value * (w.one[e] - w.zero[e]) * sum;
      } else {
        if (!coldSeen) {
          for (int j = 0; j < k; j++) {
            coldShare += coldWeights[j] * product[at + j];
          }
          coldShare *= -value;
          coldSeen = true;
        }
        phi[w.feature[e]] += coldShare;
      }
    }
  }

  /**
   * Per-thread scratch space: the path elements, each feature's element, and the product of the
   * path's factors at the quadrature points for every recursion level. Not thread-safe; reuse it
   * for every row a thread explains.
   */
  public static final class Workspace {
    private final int depthCapacity;
    private final int points;
    private final int[] position;
    private final int[] feature;
    private final double[] zero;
    private final double[] one;
    private final double[] inverse;
    private final double[] product;
    private final double[] base;
    private final int[] zeros;

    private Workspace(int featureCount, int maxDepth, int points) {
      this.depthCapacity = maxDepth;
      this.points = points;
      position = new int[featureCount];
      Arrays.fill(position, -1);
      feature = new int[maxDepth + 1];
      zero = new double[maxDepth + 1];
      one = new double[maxDepth + 1];
      inverse = new double[(maxDepth + 1) * points];
      product = new double[(maxDepth + 2) * points];
      base = new double[(maxDepth + 2) * points];
      zeros = new int[maxDepth + 2];
    }
  }
}
