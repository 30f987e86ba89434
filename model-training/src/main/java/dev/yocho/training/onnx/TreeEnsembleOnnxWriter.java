package dev.yocho.training.onnx;

import dev.yocho.features.bundle.Tree;
import dev.yocho.features.bundle.TreeEnsemble;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a {@link TreeEnsemble} as an ONNX model with a single ai.onnx.ml
 * {@code TreeEnsembleRegressor} node: input {@value #INPUT_NAME}, float {@code [N, featureCount]};
 * output {@value #OUTPUT_NAME}, float {@code [N, 1]}, the raw margin
 * {@code baseMargin + Σ tree(x)} with no post-transform.
 *
 * <p>Every split is {@code BRANCH_LT} ({@code x < threshold} is the "true" branch, which is the
 * tree's left child) and {@code nodes_missing_value_tracks_true} is the tree's default-left flag,
 * so
 * ONNX Runtime routes values and NaNs exactly as {@link Tree#next} does.
 *
 * <p>Precision: the regressor's thresholds, leaf weights and base value are float attributes, and
 * ONNX Runtime sums the trees of a float input in float. Thresholds are floats already in the
 * contract, so routing is exact; the margin differs from {@link TreeEnsemble#margin} by the float
 * rounding of the leaf values, the base value and the running sum: at most 3.5e-6 over 10,000 rows
 * of a 300-tree ensemble with margins near −4 in the tests, so about 1e-5 is the budget at this
 * size, growing with the number of trees and the size of the margin. The {@code *_as_tensor}
 * (double) attributes do not help: for a float input ONNX Runtime 1.28 instantiates the kernel
 * with float thresholds, weights and sums (double ones only for a double input tensor).
 *
 * <p>Field numbers are those of {@code onnx/onnx.proto}; the model declares IR version
 * {@value #IR_VERSION}, default-domain opset {@value #DEFAULT_OPSET} and ai.onnx.ml opset
 * {@value #ML_OPSET}.
 */
public final class TreeEnsembleOnnxWriter {
  /** Name of the graph input, a float tensor {@code [N, featureCount]}. */
  public static final String INPUT_NAME = "features";
  /** Name of the graph output, a float tensor {@code [N, 1]} of raw margins. */
  public static final String OUTPUT_NAME = "margin";
  /** ONNX IR version 8 (ONNX 1.10 to 1.12), which goes with default opset 17. */
  public static final int IR_VERSION = 8;
  public static final int DEFAULT_OPSET = 17;
  public static final int ML_OPSET = 3;
  public static final String ML_DOMAIN = "ai.onnx.ml";
  public static final String PRODUCER_NAME = "yocho";
  public static final String PRODUCER_VERSION = "0.1.0";

  // onnx.proto field numbers, by message.
  private static final int MODEL_IR_VERSION = 1;
  private static final int MODEL_PRODUCER_NAME = 2;
  private static final int MODEL_PRODUCER_VERSION = 3;
  private static final int MODEL_DOC_STRING = 6;
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  private static final int MODEL_METADATA_PROPS = 14;
  private static final int OPSET_DOMAIN = 1;
  private static final int OPSET_VERSION = 2;
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_NAME = 2;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  private static final int NODE_INPUT = 1;
  private static final int NODE_OUTPUT = 2;
  private static final int NODE_NAME = 3;
  private static final int NODE_OP_TYPE = 4;
  private static final int NODE_ATTRIBUTE = 5;
  private static final int NODE_DOMAIN = 7;
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_I = 3;
  private static final int ATTRIBUTE_S = 4;
  private static final int ATTRIBUTE_FLOATS = 7;
  private static final int ATTRIBUTE_INTS = 8;
  private static final int ATTRIBUTE_STRINGS = 9;
  private static final int ATTRIBUTE_TYPE = 20;
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  private static final int TYPE_TENSOR_TYPE = 1;
  private static final int TENSOR_TYPE_ELEM_TYPE = 1;
  private static final int TENSOR_TYPE_SHAPE = 2;
  private static final int SHAPE_DIM = 1;
  private static final int DIM_VALUE = 1;
  private static final int DIM_PARAM = 2;
  // AttributeProto.AttributeType and TensorProto.DataType values.
  private static final int TYPE_INT = 2;
  private static final int TYPE_STRING = 3;
  private static final int TYPE_FLOATS = 6;
  private static final int TYPE_INTS = 7;
  private static final int TYPE_STRINGS = 8;
  private static final int DATA_TYPE_FLOAT = 1;
  private static final int DATA_TYPE_DOUBLE = 11;

  private TreeEnsembleOnnxWriter() {}

  /**
   * The ONNX model bytes of {@code ensemble}.
   *
   * @param metadata written to {@code metadata_props} in key order (feature order, tier,
   *     provenance…); keys must be non-blank and values non-null
   * @throws IllegalArgumentException if the ensemble has no trees, a leaf value, threshold or the
   *     base margin is not finite in float, or a metadata key is blank
   */
  public static byte[] toBytes(TreeEnsemble ensemble, Map<String, String> metadata) {
    if (ensemble.trees().isEmpty()) {
      throw new IllegalArgumentException("an ensemble without trees cannot be exported");
    }
    SortedMap<String, String> props = new TreeMap<>();
    metadata.forEach(
        (key, value) -> {
          if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("metadata key must not be blank: '" + key + "'");
          }
          if (value == null) {
            throw new IllegalArgumentException("metadata value of '" + key + "' is null");
          }
          props.put(key, value);
        });

    ProtoWriter model = new ProtoWriter();
    model.int64(MODEL_IR_VERSION, IR_VERSION);
    model.string(MODEL_PRODUCER_NAME, PRODUCER_NAME);
    model.string(MODEL_PRODUCER_VERSION, PRODUCER_VERSION);
    model.string(
        MODEL_DOC_STRING,
        "yocho tree ensemble: raw margin (log-odds) of " + ensemble.trees().size() + " trees over "
            + ensemble.featureCount() + " features");
    model.message(MODEL_GRAPH, graph(ensemble));
    model.message(
        MODEL_OPSET_IMPORT,
        new ProtoWriter().string(OPSET_DOMAIN, "").int64(OPSET_VERSION, DEFAULT_OPSET));
    model.message(
        MODEL_OPSET_IMPORT,
        new ProtoWriter().string(OPSET_DOMAIN, ML_DOMAIN).int64(OPSET_VERSION, ML_OPSET));
    for (Map.Entry<String, String> e : props.entrySet()) {
      model.message(
          MODEL_METADATA_PROPS,
          new ProtoWriter().string(ENTRY_KEY, e.getKey()).string(ENTRY_VALUE, e.getValue()));
    }
    return model.toByteArray();
  }

  /** Writes {@link #toBytes} to {@code file}, replacing it. */
  public static void write(TreeEnsemble ensemble, Map<String, String> metadata, Path file) {
    byte[] bytes = toBytes(ensemble, metadata);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ONNX model to " + file, e);
    }
  }

  private static ProtoWriter graph(TreeEnsemble ensemble) {
    ProtoWriter graph = new ProtoWriter();
    graph.message(GRAPH_NODE, regressorNode(ensemble));
    graph.string(GRAPH_NAME, "yocho_tree_ensemble");
    // a double input makes ONNX Runtime add the trees up in double: with float input it sums in
    // float and a 78-tree scorecard drifted 1.03e-5 from the training margin. Callers pass
    // float-rounded values widened to double, so splits compare exactly as XGBoost's do.
    graph.message(GRAPH_INPUT, matrix(INPUT_NAME, ensemble.featureCount(), DATA_TYPE_DOUBLE));
    graph.message(GRAPH_OUTPUT, matrix(OUTPUT_NAME, 1, DATA_TYPE_FLOAT));
    return graph;
  }

  /** A ValueInfoProto for a tensor {@code [N, columns]} with a symbolic batch size. */
  private static ProtoWriter matrix(String name, int columns, int elementType) {
    ProtoWriter shape =
        new ProtoWriter()
            .message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, "N"))
            .message(SHAPE_DIM, new ProtoWriter().int64(DIM_VALUE, columns));
    ProtoWriter tensorType =
        new ProtoWriter()
            .int64(TENSOR_TYPE_ELEM_TYPE, elementType)
            .message(TENSOR_TYPE_SHAPE, shape);
    return new ProtoWriter()
        .string(VALUE_INFO_NAME, name)
        .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
  }

  private static ProtoWriter regressorNode(TreeEnsemble ensemble) {
    int nodes = 0;
    int leaves = 0;
    for (Tree tree : ensemble.trees()) {
      nodes += tree.nodeCount();
      for (int i = 0; i < tree.nodeCount(); i++) {
        if (tree.isLeaf(i)) {
          leaves++;
        }
      }
    }
    long[] treeIds = new long[nodes];
    long[] nodeIds = new long[nodes];
    long[] featureIds = new long[nodes];
    String[] modes = new String[nodes];
    float[] thresholds = new float[nodes];
    long[] trueIds = new long[nodes];
    long[] falseIds = new long[nodes];
    long[] missingTracksTrue = new long[nodes];
    long[] targetTreeIds = new long[leaves];
    long[] targetNodeIds = new long[leaves];
    long[] targetIds = new long[leaves];
    float[] targetWeights = new float[leaves];

    int n = 0;
    int l = 0;
    for (int t = 0; t < ensemble.trees().size(); t++) {
      Tree tree = ensemble.trees().get(t);
      for (int i = 0; i < tree.nodeCount(); i++, n++) {
        treeIds[n] = t;
        nodeIds[n] = i;
        if (tree.isLeaf(i)) {
          modes[n] = "LEAF";
          targetTreeIds[l] = t;
          targetNodeIds[l] = i;
          targetIds[l] = 0;
          targetWeights[l] = finiteFloat(tree.value()[i], "tree " + t + " leaf " + i);
          l++;
        } else {
          modes[n] = "BRANCH_LT";
          featureIds[n] = tree.feature()[i];
          thresholds[n] = finiteFloat(tree.threshold()[i], "tree " + t + " threshold " + i);
          // "true" is x < threshold, the left child in the XGBoost convention.
          trueIds[n] = tree.left()[i];
          falseIds[n] = tree.right()[i];
          missingTracksTrue[n] = tree.defaultLeft()[i] ? 1 : 0;
        }
      }
    }

    ProtoWriter node = new ProtoWriter();
    node.string(NODE_INPUT, INPUT_NAME);
    node.string(NODE_OUTPUT, OUTPUT_NAME);
    node.string(NODE_NAME, "tree_ensemble");
    node.string(NODE_OP_TYPE, "TreeEnsembleRegressor");
    node.string(NODE_DOMAIN, ML_DOMAIN);
    node.message(NODE_ATTRIBUTE, stringAttribute("aggregate_function", "SUM"));
    node.message(
        NODE_ATTRIBUTE,
        floatsAttribute(
            "base_values", new float[] {finiteFloat(ensemble.baseMargin(), "base margin")}));
    node.message(NODE_ATTRIBUTE, intAttribute("n_targets", 1));
    node.message(NODE_ATTRIBUTE, intsAttribute("nodes_falsenodeids", falseIds));
    node.message(NODE_ATTRIBUTE, intsAttribute("nodes_featureids", featureIds));
    node.message(
        NODE_ATTRIBUTE, intsAttribute("nodes_missing_value_tracks_true", missingTracksTrue));
    node.message(NODE_ATTRIBUTE, stringsAttribute("nodes_modes", modes));
    node.message(NODE_ATTRIBUTE, intsAttribute("nodes_nodeids", nodeIds));
    node.message(NODE_ATTRIBUTE, intsAttribute("nodes_treeids", treeIds));
    node.message(NODE_ATTRIBUTE, intsAttribute("nodes_truenodeids", trueIds));
    node.message(NODE_ATTRIBUTE, floatsAttribute("nodes_values", thresholds));
    node.message(NODE_ATTRIBUTE, stringAttribute("post_transform", "NONE"));
    node.message(NODE_ATTRIBUTE, intsAttribute("target_ids", targetIds));
    node.message(NODE_ATTRIBUTE, intsAttribute("target_nodeids", targetNodeIds));
    node.message(NODE_ATTRIBUTE, intsAttribute("target_treeids", targetTreeIds));
    node.message(NODE_ATTRIBUTE, floatsAttribute("target_weights", targetWeights));
    return node;
  }

  private static float finiteFloat(double value, String what) {
    float f = (float) value;
    if (!Float.isFinite(f)) {
      throw new IllegalArgumentException(what + " is not finite in float: " + value);
    }
    return f;
  }

  private static ProtoWriter intAttribute(String name, long value) {
    return new ProtoWriter()
        .string(ATTRIBUTE_NAME, name)
        .int64(ATTRIBUTE_TYPE, TYPE_INT)
        .int64(ATTRIBUTE_I, value);
  }

  private static ProtoWriter stringAttribute(String name, String value) {
    return new ProtoWriter()
        .string(ATTRIBUTE_NAME, name)
        .int64(ATTRIBUTE_TYPE, TYPE_STRING)
        .string(ATTRIBUTE_S, value);
  }

  private static ProtoWriter intsAttribute(String name, long[] values) {
    return new ProtoWriter()
        .string(ATTRIBUTE_NAME, name)
        .int64(ATTRIBUTE_TYPE, TYPE_INTS)
        .packedInt64(ATTRIBUTE_INTS, values);
  }

  private static ProtoWriter floatsAttribute(String name, float[] values) {
    return new ProtoWriter()
        .string(ATTRIBUTE_NAME, name)
        .int64(ATTRIBUTE_TYPE, TYPE_FLOATS)
        .packedFloat32(ATTRIBUTE_FLOATS, values);
  }

  private static ProtoWriter stringsAttribute(String name, String[] values) {
    ProtoWriter attribute =
        new ProtoWriter().string(ATTRIBUTE_NAME, name).int64(ATTRIBUTE_TYPE, TYPE_STRINGS);
    for (String v : values) {
      attribute.string(ATTRIBUTE_STRINGS, v);
    }
    return attribute;
  }
}
