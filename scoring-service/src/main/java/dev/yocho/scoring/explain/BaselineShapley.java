package dev.yocho.scoring.explain;

import dev.yocho.features.bundle.TreeEnsemble;
import java.util.Arrays;

/**
 * Baseline Shapley values of a row {@code x_b} against a single reference row {@code x_a}
 * (interventional SHAP with one background row): the Shapley values of the game
 * {@code v(S) = margin(hybrid)}, where the hybrid row takes the features in {@code S} from
 * {@code x_b} and all others from {@code x_a}.
 *
 * <p>Properties: the values sum to {@code margin(x_b) − margin(x_a)}; a feature whose (float)
 * value is the same in both rows, NaN included, gets exactly {@code 0.0}; so does a changed feature
 * that never sends the two rows different ways.
 *
 * <p>Algorithm, exact per tree. Walk the tree from the root: where {@code x_a} and {@code x_b} take
 * the same child, every hybrid does too; where they part at a split on feature {@code j}, hybrids
 * with {@code j ∈ S} follow {@code x_b} and the others follow {@code x_a}, so the walk follows
 * both,
 * remembering the choice so that a later split on the same feature is routed consistently (only the
 * branch of that choice is followed). Each leaf reached this way is reached exactly by the hybrids
 * with {@code B ⊆ S} and {@code S ∩ A = ∅}, for the sets {@code B} ("from x_b") and {@code A}
 * ("from x_a") chosen on its path. The Shapley values of that unanimity-style game are closed-form
 * (with {@code a = |A|}, {@code b = |B|}): each {@code j ∈ B} gets
 * {@code value · (b−1)! a! / (a+b)!} and each {@code j ∈ A} gets
 * {@code −value · b! (a−1)! / (a+b)!};
 * a leaf reached by both rows ({@code a = b = 0}) contributes nothing. The work per tree is the
 * part of the tree reachable by some hybrid: the two decision paths when few features changed, at
 * most the whole tree.
 *
 * <p>Thread safety: an instance is immutable and shared; each thread uses its own
 * {@link Workspace}.
 */
public final class BaselineShapley {
  private static final byte FREE = 0;
  private static final byte FROM_B = 1;
  private static final byte FROM_A = 2;

  private final TreeEnsemble ensemble;
  private final CompactForest forest;
  private final int featureCount;
  private final int maxDepth;
  /** Per feature: the thresholds of every split on it, ascending, and each one's tree. */
  private final float[][] thresholds;
  private final int[][] thresholdTrees;
  /** weightB[a][b] = (b−1)! a! / (a+b)!, for b ≥ 1. */
  private final double[][] weightB;
  /** weightA[a][b] = b! (a−1)! / (a+b)!, for a ≥ 1. */
  private final double[][] weightA;

  public BaselineShapley(TreeEnsemble ensemble) {
    this.ensemble = ensemble;
    this.forest = new CompactForest(ensemble);
    this.featureCount = ensemble.featureCount();
    int depth = forest.maxDepth;
    this.maxDepth = depth;
    // index the splits by feature: a pair of rows can part only at a split whose threshold lies
    // between their two values of that feature
    int[] counts = new int[featureCount];
    for (int t = 0; t < forest.roots.length; t++) {
      int end = t + 1 < forest.roots.length ? forest.roots[t + 1] : forest.nodeCount();
      for (int n = forest.roots[t]; n < end; n++) {
        if (!forest.isLeaf(n)) {
          counts[forest.feature(n)]++;
        }
      }
    }
    thresholds = new float[featureCount][];
    thresholdTrees = new int[featureCount][];
    long[][] keyed = new long[featureCount][];
    for (int j = 0; j < featureCount; j++) {
      keyed[j] = new long[counts[j]];
      counts[j] = 0;
    }
    for (int t = 0; t < forest.roots.length; t++) {
      int end = t + 1 < forest.roots.length ? forest.roots[t + 1] : forest.nodeCount();
      for (int n = forest.roots[t]; n < end; n++) {
        if (!forest.isLeaf(n)) {
          int j = forest.feature(n);
          // sortable key: the threshold's order-preserving bits, then the tree
          keyed[j][counts[j]++] = ((long) sortableBits(forest.threshold(n)) << 32) | t;
        }
      }
    }
    for (int j = 0; j < featureCount; j++) {
      Arrays.sort(keyed[j]);
      thresholds[j] = new float[keyed[j].length];
      thresholdTrees[j] = new int[keyed[j].length];
      for (int k = 0; k < keyed[j].length; k++) {
        thresholds[j][k] = fromSortableBits((int) (keyed[j][k] >> 32));
        thresholdTrees[j][k] = (int) keyed[j][k];
      }
    }
    weightB = new double[depth + 1][depth + 1];
    weightA = new double[depth + 1][depth + 1];
    for (int a = 0; a <= depth; a++) {
      for (int b = 0; a + b <= depth; b++) {
        if (b >= 1) {
          weightB[a][b] = factorial(b - 1) * factorial(a) / factorial(a + b);
        }
        if (a >= 1) {
          weightA[a][b] = factorial(b) * factorial(a - 1) / factorial(a + b);
        }
      }
    }
  }

  public TreeEnsemble ensemble() {
    return ensemble;
  }

  /** A fresh workspace sized for this ensemble; keep one per thread. */
  public Workspace newWorkspace() {
    return new Workspace(featureCount, maxDepth, forest.roots.length);
  }

  /**
   * Writes the attribution of {@code margin(xb) − margin(xa)} to each feature into
   * {@code phi[0 … featureCount-1]}, overwriting it.
   *
   * @param xa the reference row (e.g. the earlier date), already rounded to float
   * @param xb the explained row (e.g. the later date), already rounded to float
   * @param workspace this thread's workspace, from {@link #newWorkspace()} of this instance
   */
  public void attribute(float[] xa, float[] xb, double[] phi, Workspace workspace) {
    if (xa.length != featureCount || xb.length != featureCount || phi.length < featureCount) {
      throw new IllegalArgumentException(
          "expected " + featureCount + " features in both rows and the output, got " + xa.length
              + ", " + xb.length + " and " + phi.length);
    }
    if (workspace.side.length != featureCount || workspace.path.length < maxDepth
        || workspace.stamp.length != forest.roots.length) {
      throw new IllegalArgumentException("workspace of another ensemble");
    }
    Arrays.fill(phi, 0, featureCount, 0.0);
    // A tree where both rows take the same path contributes nothing: so does every hybrid. The
    // rows part in a tree only at a split on a feature j whose threshold t has
    // min(xa_j, xb_j) < t <= max(xa_j, xb_j) (x < t goes left), or, when one value is missing, at
    // any split on j. Find those trees from the thresholds sorted per feature, and explore them in
    // tree order (the order the contributions are added in, so the result does not depend on it).
    int[] stamp = workspace.stamp;
    int[] candidates = workspace.candidates;
    int epoch = ++workspace.epoch;
    if (epoch == Integer.MAX_VALUE) {
      Arrays.fill(stamp, 0);
      workspace.epoch = epoch = 1;
    }
    int found = 0;
    for (int j = 0; j < featureCount; j++) {
      float a = xa[j];
      float b = xb[j];
      if (Float.floatToRawIntBits(a) == Float.floatToRawIntBits(b)) {
        continue;
      }
      float[] ts = thresholds[j];
      int[] trees = thresholdTrees[j];
      int from;
      int to;
      if (a != a || b != b) { // one missing: any split on j may part them
        from = 0;
        to = ts.length;
      } else {
        float lo = Math.min(a, b);
        float hi = Math.max(a, b);
        from = firstAbove(ts, lo);
        to = firstAbove(ts, hi);
      }
      for (int k = from; k < to; k++) {
        int t = trees[k];
        if (stamp[t] != epoch) {
          stamp[t] = epoch;
          candidates[found++] = t;
        }
      }
    }
    Arrays.sort(candidates, 0, found);
    int[] roots = forest.roots;
    for (int k = 0; k < found; k++) {
      visit(roots[candidates[k]], xa, xb, phi, workspace, 0, 0);
    }
  }

  /** The first index whose threshold is greater than {@code v} (thresholds ascending). */
  private static int firstAbove(float[] ts, float v) {
    int lo = 0;
    int hi = ts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] > v) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Float bits whose signed int order is the floats' numeric order (thresholds are finite). */
  private static int sortableBits(float f) {
    int bits = Float.floatToIntBits(f);
    return bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
  }

  private static float fromSortableBits(int bits) {
    return Float.intBitsToFloat(bits >= 0 ? bits : bits ^ Integer.MAX_VALUE);
  }

  /**
   * The raw margin of {@code x}, bit for bit {@link TreeEnsemble#margin(float[])} (the base margin
   * plus the leaves in tree order, in double), on the packed trees with four walks interleaved.
   */
  public double margin(float[] x) {
    if (x.length != featureCount) {
      throw new IllegalArgumentException(
          "expected " + featureCount + " features, got " + x.length);
    }
    CompactForest f = forest;
    int[] roots = f.roots;
    int[] depths = f.depths;
    double sum = f.baseMargin;
    int t = 0;
    for (; t + 3 < roots.length; t += 4) {
      int n0 = roots[t];
      int n1 = roots[t + 1];
      int n2 = roots[t + 2];
      int n3 = roots[t + 3];
      int steps = Math.max(Math.max(depths[t], depths[t + 1]), Math.max(depths[t + 2], depths[t + 3]));
      for (int s = 0; s < steps; s++) {
        n0 = f.child(n0, x[f.feature(n0)]);
        n1 = f.child(n1, x[f.feature(n1)]);
        n2 = f.child(n2, x[f.feature(n2)]);
        n3 = f.child(n3, x[f.feature(n3)]);
      }
      sum += f.value[n0];
      sum += f.value[n1];
      sum += f.value[n2];
      sum += f.value[n3];
    }
    for (; t < roots.length; t++) {
      int n = roots[t];
      for (int s = 0; s < depths[t]; s++) {
        n = f.child(n, x[f.feature(n)]);
      }
      sum += f.value[n];
    }
    return sum;
  }

  /** Convenience: a new array of attributions. Allocates; prefer the workspace form. */
  public double[] attribute(float[] xa, float[] xb) {
    double[] phi = new double[featureCount];
    attribute(xa, xb, phi, newWorkspace());
    return phi;
  }

  private void visit(
      int node, float[] xa, float[] xb, double[] phi, Workspace w, int fromB, int fromA) {
    CompactForest f = forest;
    // follow the shared part of the two paths without recursion
    while (!f.isLeaf(node)) {
      int split = f.feature(node);
      float va = xa[split];
      float vb = xb[split];
      int childA = f.child(node, va);
      if (Float.floatToRawIntBits(va) == Float.floatToRawIntBits(vb)) {
        node = childA; // most features do not change between two dates: decide once
        continue;
      }
      int childB = f.child(node, vb);
      if (childA == childB) {
        node = childA;
        continue;
      }
      byte side = w.side[split];
      if (side == FROM_B) {
        node = childB;
      } else if (side == FROM_A) {
        node = childA;
      } else {
        w.path[fromA + fromB] = split;
        w.side[split] = FROM_B;
        visit(childB, xa, xb, phi, w, fromB + 1, fromA);
        w.side[split] = FROM_A;
        visit(childA, xa, xb, phi, w, fromB, fromA + 1);
        w.side[split] = FREE;
        return;
      }
    }
    int conditioned = fromA + fromB;
    if (conditioned == 0) {
      return;
    }
    double value = f.value[node];
    double gainB = value * weightB[fromA][fromB];
    double lossA = value * weightA[fromA][fromB];
    for (int k = 0; k < conditioned; k++) {
      int j = w.path[k];
      if (w.side[j] == FROM_B) {
        phi[j] += gainB;
      } else {
        phi[j] -= lossA;
      }
    }
  }

  private static double factorial(int n) {
    double f = 1;
    for (int i = 2; i <= n; i++) {
      f *= i;
    }
    return f;
  }

  /** Per-thread scratch space: which row each feature is taken from on the current path. */
  public static final class Workspace {
    private final byte[] side;
    private final int[] path;
    /** Per tree: the call that last listed it; the trees listed by the current call. */
    private final int[] stamp;
    private final int[] candidates;
    private int epoch;

    private Workspace(int featureCount, int maxDepth, int trees) {
      side = new byte[featureCount];
      path = new int[Math.max(1, maxDepth)];
      stamp = new int[trees];
      candidates = new int[trees];
    }
  }
}
