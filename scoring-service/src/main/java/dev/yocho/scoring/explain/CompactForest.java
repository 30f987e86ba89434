package dev.yocho.scoring.explain;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;

/**
 * The trees of an ensemble packed for the explanation hot loops: each node is four adjacent ints
 * (so one cache line holds four nodes, where the {@link Tree} record spreads a node over seven
 * arrays), with node indices global across trees.
 *
 * <p>Node {@code n} occupies {@code nodes[4n … 4n+3]}: {@code 2·feature + (defaultLeft ? 1 : 0)},
 * the threshold's float bits, the left child and the right child. Split semantics are those of
 * {@link Tree#next}: NaN to the default child, {@code x < threshold} left, else right. A leaf is a
 * node that leads to itself whatever the value (feature 0, threshold NaN, default right, both
 * children itself), so a walk can take a fixed number of steps, the tree's depth, without testing
 * for leaves; {@link #isLeaf} tests for that self-loop.
 */
final class CompactForest {
  final int featureCount;
  final int maxDepth;
  final double baseMargin;
  /** Global index of each tree's root. */
  final int[] roots;
  /** Depth of each tree (root alone: 0). */
  final int[] depths;
  final int[] nodes;
  final double[] value;

  CompactForest(TreeEnsemble ensemble) {
    featureCount = ensemble.featureCount();
    baseMargin = ensemble.baseMargin();
    int total = 0;
    int depth = 0;
    for (Tree tree : ensemble.trees()) {
      total += tree.nodeCount();
      depth = Math.max(depth, tree.maxDepth());
    }
    maxDepth = depth;
    roots = new int[ensemble.trees().size()];
    depths = new int[roots.length];
    nodes = new int[4 * total];
    value = new double[total];
    int base = 0;
    for (int t = 0; t < roots.length; t++) {
      Tree tree = ensemble.trees().get(t);
      roots[t] = base;
      depths[t] = tree.maxDepth();
      for (int i = 0; i < tree.nodeCount(); i++) {
        int n = base + i;
        value[n] = tree.value()[i];
        if (tree.isLeaf(i)) {
          nodes[4 * n] = 0;
          nodes[4 * n + 1] = Float.floatToRawIntBits(Float.NaN);
          nodes[4 * n + 2] = n;
          nodes[4 * n + 3] = n;
        } else {
          nodes[4 * n] = 2 * tree.feature()[i] + (tree.defaultLeft()[i] ? 1 : 0);
          nodes[4 * n + 1] = Float.floatToRawIntBits(tree.threshold()[i]);
          nodes[4 * n + 2] = base + tree.left()[i];
          nodes[4 * n + 3] = base + tree.right()[i];
        }
      }
      base += tree.nodeCount();
    }
  }

  int nodeCount() {
    return value.length;
  }

  boolean isLeaf(int node) {
    return nodes[4 * node + 2] == node;
  }

  int feature(int node) {
    return nodes[4 * node] >> 1;
  }

  float threshold(int node) {
    return Float.intBitsToFloat(nodes[4 * node + 1]);
  }

  int left(int node) {
    return nodes[4 * node + 2];
  }

  int right(int node) {
    return nodes[4 * node + 3];
  }

  /** The child of split node {@code node} that feature value {@code v} goes to. */
  int child(int node, float v) {
    int at = 4 * node;
    if (v != v) { // NaN: the default child
      return nodes[at + 3 - (nodes[at] & 1)];
    }
    // left and right children are adjacent: index 2 when v < threshold, else 3
    return nodes[at + (v < Float.intBitsToFloat(nodes[at + 1]) ? 2 : 3)];
  }
}
