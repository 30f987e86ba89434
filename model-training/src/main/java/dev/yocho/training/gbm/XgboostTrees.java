package dev.yocho.training.gbm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts an XGBoost model, in XGBoost's own JSON model format, into a {@link TreeEnsemble}.
 *
 * <p>The JSON model (not the text dump) is read because it carries exactly what the C++ predictor
 * uses: split conditions and leaf values as {@code float}, the default (missing-value) direction of
 * each split, the hessian mass of each node ({@code sum_hessian}, the cover TreeSHAP needs) and the
 * base score. Numbers are parsed from their decimal text straight to {@code float}, so thresholds
 * are bit-identical to XGBoost's. Nodes are renumbered in pre-order from the root, which drops any
 * nodes the pruner deleted and guarantees that children come after their parent.
 *
 * <p>For {@code binary:logistic} XGBoost stores {@code base_score} as a probability; the margin
 * offset is its logit (which is 0 for XGBoost's default of 0.5).
 */
public final class XgboostTrees {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private XgboostTrees() {}

  /**
   * The ensemble of a {@code binary:logistic} gbtree model.
   *
   * @param modelJson the bytes of {@code Booster.toByteArray("json")}
   * @param featureCount the width of the training matrix
   * @throws IllegalArgumentException if the model is not a single-output binary logistic gbtree
   */
  public static TreeEnsemble fromJson(byte[] modelJson, int featureCount) {
    JsonNode root;
    try {
      root = MAPPER.readTree(modelJson);
    } catch (IOException e) {
      throw new IllegalArgumentException("XGBoost model JSON does not parse: " + e.getMessage(), e);
    }
    JsonNode learner = root.path("learner");
    String objective = learner.path("objective").path("name").asText();
    if (!objective.equals("binary:logistic")) {
      throw new IllegalArgumentException(
          "expected objective binary:logistic, model has '" + objective + "'");
    }
    String boosterName = learner.path("gradient_booster").path("name").asText();
    if (!boosterName.equals("gbtree")) {
      throw new IllegalArgumentException("expected a gbtree booster, model has '" + boosterName
          + "'");
    }
    float baseScore = Float.parseFloat(learner.path("learner_model_param").path("base_score")
        .asText());
    if (!(baseScore > 0 && baseScore < 1)) {
      throw new IllegalArgumentException("base_score " + baseScore + " is not a probability");
    }
    double baseMargin = Math.log(baseScore / (1.0 - baseScore));
    List<Tree> trees = new ArrayList<>();
    for (JsonNode tree : learner.path("gradient_booster").path("model").path("trees")) {
      trees.add(convertTree(tree, trees.size()));
    }
    return new TreeEnsemble(featureCount, baseMargin, trees);
  }

  private static Tree convertTree(JsonNode tree, int treeIndex) {
    int[] left = ints(tree.path("left_children"));
    int[] right = ints(tree.path("right_children"));
    int[] splitIndex = ints(tree.path("split_indices"));
    float[] condition = floats(tree.path("split_conditions"));
    float[] hessian = floats(tree.path("sum_hessian"));
    boolean[] defaultLeft = booleans(tree.path("default_left"));
    int n = left.length;
    if (right.length != n || splitIndex.length != n || condition.length != n
        || hessian.length != n || defaultLeft.length != n) {
      throw new IllegalArgumentException("tree " + treeIndex + " has arrays of unequal length");
    }
    for (JsonNode type : tree.path("split_type")) {
      if (type.asInt() != 0) {
        throw new IllegalArgumentException(
            "tree " + treeIndex + " has a categorical split, which TreeEnsemble cannot express");
      }
    }
    // Pre-order renumbering from the root: reachable nodes only, parents before children.
    int[] order = new int[n];
    int[] newIndex = new int[n];
    Arrays.fill(newIndex, -1);
    int count = 0;
    int[] stack = new int[n + 1];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      if (newIndex[node] >= 0) {
        throw new IllegalArgumentException("tree " + treeIndex + " is not a tree at node " + node);
      }
      newIndex[node] = count;
      order[count++] = node;
      if (left[node] >= 0) {
        stack[top++] = right[node];
        stack[top++] = left[node];
      }
    }
    int[] feature = new int[count];
    float[] threshold = new float[count];
    int[] newLeft = new int[count];
    int[] newRight = new int[count];
    boolean[] newDefaultLeft = new boolean[count];
    double[] value = new double[count];
    double[] cover = new double[count];
    for (int k = 0; k < count; k++) {
      int node = order[k];
      cover[k] = hessian[node];
      if (left[node] < 0) {
        // A leaf's split_condition holds its value (already scaled by the learning rate).
        feature[k] = -1;
        newLeft[k] = -1;
        newRight[k] = -1;
        value[k] = condition[node];
      } else {
        feature[k] = splitIndex[node];
        threshold[k] = condition[node];
        newLeft[k] = newIndex[left[node]];
        newRight[k] = newIndex[right[node]];
        newDefaultLeft[k] = defaultLeft[node];
      }
    }
    return new Tree(feature, threshold, newLeft, newRight, newDefaultLeft, value, cover);
  }

  private static int[] ints(JsonNode array) {
    int[] values = new int[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asInt();
    }
    return values;
  }

  private static float[] floats(JsonNode array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode node = array.get(i);
      // Decimal text straight to float: parsing through double could round twice.
      values[i] = node.isNumber() ? Float.parseFloat(node.decimalValue().toString())
          : Float.parseFloat(node.asText());
    }
    return values;
  }

  private static boolean[] booleans(JsonNode array) {
    boolean[] values = new boolean[array.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode node = array.get(i);
      values[i] = node.isBoolean() ? node.asBoolean() : node.asInt() != 0;
    }
    return values;
  }
}
