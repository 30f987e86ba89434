package dev.yocho.features.bundle;

import java.util.Arrays;

/**
 * One regression tree in flat arrays, indexed by node; node 0 is the root. A node is a leaf when
 * {@code left[node] < 0}; then {@code value[node]} is its contribution to the margin. {@code cover}
 * is the (hessian-weighted) training mass that reached the node, which path-dependent TreeSHAP uses.
 */
public record Tree(
    int[] feature,
    float[] threshold,
    int[] left,
    int[] right,
    boolean[] defaultLeft,
    double[] value,
    double[] cover) {

  public Tree {
    int n = feature.length;
    if (n == 0) {
      throw new IllegalArgumentException("a tree needs at least one node");
    }
    if (threshold.length != n || left.length != n || right.length != n
        || defaultLeft.length != n || value.length != n || cover.length != n) {
      throw new IllegalArgumentException("tree arrays differ in length: " + n + " nodes expected");
    }
    for (int i = 0; i < n; i++) {
      if (left[i] >= 0) {
        if (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n) {
          throw new IllegalArgumentException(
              "node " + i + " has children " + left[i] + "/" + right[i] + " outside (" + i + ", "
                  + n + ")");
        }
        if (feature[i] < 0) {
          throw new IllegalArgumentException("split node " + i + " has feature " + feature[i]);
        }
      }
    }
  }

  public int nodeCount() {
    return feature.length;
  }

  public boolean isLeaf(int node) {
    return left[node] < 0;
  }

  /** The child that {@code x} goes to at split node {@code node}. */
  public int next(int node, float[] x) {
    float v = x[feature[node]];
    if (Float.isNaN(v)) {
      return defaultLeft[node] ? left[node] : right[node];
    }
    return v < threshold[node] ? left[node] : right[node];
  }

  /** The leaf reached by {@code x}. */
  public int leaf(float[] x) {
    int node = 0;
    while (!isLeaf(node)) {
      node = next(node, x);
    }
    return node;
  }

  /** This tree's contribution to the margin of {@code x}. */
  public double predict(float[] x) {
    return value[leaf(x)];
  }

  /** Depth of the deepest leaf (root alone has depth 0). */
  public int maxDepth() {
    return depth(0);
  }

  private int depth(int node) {
    return isLeaf(node) ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tree t
        && Arrays.equals(feature, t.feature)
        && Arrays.equals(threshold, t.threshold)
        && Arrays.equals(left, t.left)
        && Arrays.equals(right, t.right)
        && Arrays.equals(defaultLeft, t.defaultLeft)
        && Arrays.equals(value, t.value)
        && Arrays.equals(cover, t.cover);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(feature) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "Tree[" + nodeCount() + " nodes, depth " + maxDepth() + "]";
  }
}
