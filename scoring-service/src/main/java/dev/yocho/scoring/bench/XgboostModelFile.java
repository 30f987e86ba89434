package dev.yocho.scoring.bench;

import dev.yocho.cli.JsonOut;
import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a bundle's tree ensemble in XGBoost's JSON model format (schema of XGBoost 1.7, which
 * later versions read) and score rows as CSV, so that the peer ({@code score_bench.py --model
 * --csv}) times XGBoost's own predictor and {@code pred_contribs} on exactly the model and rows
 * that yocho scores: the same trees, thresholds, default directions and covers.
 *
 * <p>The margin is preserved up to float rounding: {@code base_score} is 0.5 (a margin of 0) and the
 * bundle's base margin is added to every leaf of the first tree, because XGBoost 1.7 resets a
 * loaded {@code base_score} to its training default before predicting. The scoring service never
 * links XGBoost; this writer only needs the file format.
 */
final class XgboostModelFile {
  private static final int NO_PARENT = Integer.MAX_VALUE;

  private XgboostModelFile() {}

  /** Writes {@code ensemble} as an XGBoost JSON model with a binary:logistic objective. */
  static void writeModel(TreeEnsemble ensemble, Path file) throws IOException {
    List<Object> trees = new ArrayList<>();
    List<Integer> treeInfo = new ArrayList<>();
    for (int t = 0; t < ensemble.trees().size(); t++) {
      trees.add(tree(t, ensemble.trees().get(t), ensemble.featureCount(),
          t == 0 ? ensemble.baseMargin() : 0));
      treeInfo.add(0);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("gbtree_model_param", Map.of(
        "num_parallel_tree", "1", "num_trees", Integer.toString(trees.size()),
        "size_leaf_vector", "0"));
    model.put("tree_info", treeInfo);
    model.put("trees", trees);
    Map<String, Object> booster = new LinkedHashMap<>();
    booster.put("model", model);
    booster.put("name", "gbtree");
    Map<String, Object> learner = new LinkedHashMap<>();
    learner.put("attributes", Map.of());
    learner.put("feature_names", List.of());
    learner.put("feature_types", List.of());
    learner.put("gradient_booster", booster);
    learner.put("learner_model_param", Map.of(
        "base_score", "5E-1",
        "boost_from_average", "1", "num_class", "0",
        "num_feature", Integer.toString(ensemble.featureCount()), "num_target", "1"));
    learner.put("objective", Map.of(
        "name", "binary:logistic", "reg_loss_param", Map.of("scale_pos_weight", "1")));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("learner", learner);
    root.put("version", List.of(1, 7, 4));
    JsonOut.mapper().writeValue(file.toFile(), root);
  }

  /**
   * One tree in XGBoost's layout. XGBoost's predictor finds the right child at {@code left + 1}
   * (its trees always allocate siblings together), so nodes are renumbered breadth first with
   * siblings adjacent; yocho's trees are depth first, with the right child anywhere after the left.
   */
  private static Map<String, Object> tree(int id, Tree tree, int featureCount, double leafShift) {
    int n = tree.nodeCount();
    int[] order = new int[n]; // new id → old id
    int[] newId = new int[n];
    order[0] = 0;
    int assigned = 1;
    for (int k = 0; k < assigned; k++) {
      int old = order[k];
      if (!tree.isLeaf(old)) {
        newId[tree.left()[old]] = assigned;
        order[assigned++] = tree.left()[old];
        newId[tree.right()[old]] = assigned;
        order[assigned++] = tree.right()[old];
      }
    }
    if (assigned != n) {
      throw new IllegalArgumentException("tree " + id + " has " + (n - assigned)
          + " nodes unreachable from its root");
    }
    int[] parents = new int[n];
    parents[0] = NO_PARENT;
    float[] conditions = new float[n];
    int[] left = new int[n];
    int[] right = new int[n];
    int[] splitIndex = new int[n];
    int[] defaultLeft = new int[n];
    double[] baseWeights = new double[n];
    double[] cover = new double[n];
    for (int i = 0; i < n; i++) {
      int old = order[i];
      cover[i] = tree.cover()[old];
      if (tree.isLeaf(old)) {
        left[i] = -1;
        right[i] = -1;
        conditions[i] = (float) (tree.value()[old] + leafShift);
        baseWeights[i] = conditions[i];
      } else {
        left[i] = newId[tree.left()[old]];
        right[i] = newId[tree.right()[old]];
        parents[left[i]] = i;
        parents[right[i]] = i;
        conditions[i] = tree.threshold()[old];
        splitIndex[i] = tree.feature()[old];
        defaultLeft[i] = tree.defaultLeft()[old] ? 1 : 0;
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("base_weights", baseWeights);
    out.put("categories", List.of());
    out.put("categories_nodes", List.of());
    out.put("categories_segments", List.of());
    out.put("categories_sizes", List.of());
    out.put("default_left", defaultLeft);
    out.put("id", id);
    out.put("left_children", left);
    out.put("loss_changes", new double[n]);
    out.put("parents", parents);
    out.put("right_children", right);
    out.put("split_conditions", conditions);
    out.put("split_indices", splitIndex);
    out.put("split_type", new int[n]);
    out.put("sum_hessian", cover);
    out.put("tree_param", Map.of(
        "num_deleted", "0", "num_feature", Integer.toString(featureCount),
        "num_nodes", Integer.toString(n), "size_leaf_vector", "0"));
    return out;
  }

  /**
   * Writes the first {@code rowCount} rows of the row-major float matrix as CSV with a header
   * {@code f0,f1,…}; a missing value (NaN) is an empty field, which pandas reads as NaN. Floats are
   * written with {@link Float#toString}, which reads back to the same float.
   */
  static void writeRows(float[] rows, int rowCount, int featureCount, Path file)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int j = 0; j < featureCount; j++) {
        w.write(j == 0 ? "f0" : ",f" + j);
      }
      w.write('\n');
      StringBuilder line = new StringBuilder(featureCount * 12);
      for (int r = 0; r < rowCount; r++) {
        line.setLength(0);
        for (int j = 0; j < featureCount; j++) {
          if (j > 0) {
            line.append(',');
          }
          float v = rows[r * featureCount + j];
          if (!Float.isNaN(v)) {
            line.append(v);
          }
        }
        line.append('\n');
        w.append(line);
      }
    }
  }
}
