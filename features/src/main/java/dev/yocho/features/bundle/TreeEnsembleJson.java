package dev.yocho.features.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * JSON codec of {@link TreeEnsemble}, in the shape Jackson gives the records by default (so a
 * training-side {@code ObjectMapper.writeValueAsString(ensemble)} is readable here):
 *
 * <pre>
 * {"featureCount":60,"baseMargin":-3.1,"trees":[{"feature":[…],"threshold":[…],"left":[…],
 *   "right":[…],"defaultLeft":[…],"value":[…],"cover":[…]}, …]}
 * </pre>
 *
 * <p>Numbers are written in Java's shortest round-trip form, so doubles and float thresholds come
 * back bit for bit. Reading is strict: unknown, missing or mistyped fields and invalid trees are
 * rejected with an {@link IllegalArgumentException} that names the offending field.
 */
public final class TreeEnsembleJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();
  private static final Set<String> ENSEMBLE_FIELDS = Set.of("featureCount", "baseMargin", "trees");
  private static final Set<String> TREE_FIELDS =
      Set.of("feature", "threshold", "left", "right", "defaultLeft", "value", "cover");

  private TreeEnsembleJson() {}

  /** The JSON text of {@code ensemble}. */
  public static String toJson(TreeEnsemble ensemble) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("featureCount", ensemble.featureCount());
      g.writeFieldName("baseMargin");
      g.writeNumber(finite(ensemble.baseMargin(), "baseMargin"));
      g.writeArrayFieldStart("trees");
      for (int t = 0; t < ensemble.trees().size(); t++) {
        writeTree(g, ensemble.trees().get(t), "trees[" + t + "]");
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes {@link #toJson} to {@code file} in UTF-8, replacing it. */
  public static void write(TreeEnsemble ensemble, Path file) {
    try {
      Files.writeString(file, toJson(ensemble), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tree ensemble to " + file, e);
    }
  }

  /**
   * Parses the JSON text of an ensemble.
   *
   * @throws IllegalArgumentException if the text is not valid JSON of a valid ensemble
   */
  public static TreeEnsemble fromJson(String json) {
    try {
      return decode(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("tree ensemble is not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads an ensemble from a stream (not closed). */
  public static TreeEnsemble read(InputStream in) {
    try {
      return decode(MAPPER.readTree(in));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("tree ensemble is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tree ensemble", e);
    }
  }

  /** Reads an ensemble from a file. */
  public static TreeEnsemble read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tree ensemble " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static void writeTree(JsonGenerator g, Tree tree, String where) throws IOException {
    int n = tree.nodeCount();
    g.writeStartObject();
    g.writeFieldName("feature");
    g.writeArray(tree.feature(), 0, n);
    g.writeArrayFieldStart("threshold");
    for (float v : tree.threshold()) {
      g.writeNumber(finite(v, where + ".threshold"));
    }
    g.writeEndArray();
    g.writeFieldName("left");
    g.writeArray(tree.left(), 0, n);
    g.writeFieldName("right");
    g.writeArray(tree.right(), 0, n);
    g.writeArrayFieldStart("defaultLeft");
    for (boolean b : tree.defaultLeft()) {
      g.writeBoolean(b);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("value");
    for (double v : tree.value()) {
      g.writeNumber(finite(v, where + ".value"));
    }
    g.writeEndArray();
    g.writeArrayFieldStart("cover");
    for (double v : tree.cover()) {
      g.writeNumber(finite(v, where + ".cover"));
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static double finite(double v, String where) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(where + " is not finite: " + v);
    }
    return v;
  }

  private static float finite(float v, String where) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException(where + " is not finite: " + v);
    }
    return v;
  }

  private static TreeEnsemble decode(JsonNode root) {
    ObjectNode object = object(root, "ensemble", ENSEMBLE_FIELDS);
    JsonNode featureCount = object.get("featureCount");
    if (!featureCount.isInt()) {
      throw new IllegalArgumentException("featureCount is not an integer: " + featureCount);
    }
    double baseMargin = number(object.get("baseMargin"), "baseMargin");
    JsonNode trees = object.get("trees");
    if (!trees.isArray()) {
      throw new IllegalArgumentException("trees is not an array");
    }
    List<Tree> list = new ArrayList<>(trees.size());
    for (int t = 0; t < trees.size(); t++) {
      String where = "trees[" + t + "]";
      try {
        list.add(decodeTree(object(trees.get(t), where, TREE_FIELDS), where));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            e.getMessage().startsWith(where) ? e.getMessage() : where + ": " + e.getMessage(), e);
      }
    }
    return new TreeEnsemble(featureCount.intValue(), baseMargin, list);
  }

  private static Tree decodeTree(ObjectNode tree, String where) {
    JsonNode feature = array(tree, "feature", where);
    int n = feature.size();
    return new Tree(
        ints(feature, n, where + ".feature"),
        floats(array(tree, "threshold", where), n, where + ".threshold"),
        ints(array(tree, "left", where), n, where + ".left"),
        ints(array(tree, "right", where), n, where + ".right"),
        booleans(array(tree, "defaultLeft", where), n, where + ".defaultLeft"),
        doubles(array(tree, "value", where), n, where + ".value"),
        doubles(array(tree, "cover", where), n, where + ".cover"));
  }

  private static ObjectNode object(JsonNode node, String where, Set<String> fields) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " is not a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!fields.contains(name)) {
        throw new IllegalArgumentException(where + " has unknown field '" + name + "'");
      }
    }
    for (String name : fields) {
      if (!node.has(name)) {
        throw new IllegalArgumentException(where + " lacks field '" + name + "'");
      }
    }
    return (ObjectNode) node;
  }

  private static JsonNode array(ObjectNode tree, String field, String where) {
    JsonNode node = tree.get(field);
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + "." + field + " is not an array");
    }
    return node;
  }

  private static void checkSize(JsonNode array, int n, String where) {
    if (array.size() != n) {
      throw new IllegalArgumentException(
          where + " has " + array.size() + " entries, the tree has " + n + " nodes");
    }
  }

  private static int[] ints(JsonNode array, int n, String where) {
    checkSize(array, n, where);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      JsonNode v = array.get(i);
      if (!v.isInt()) {
        throw new IllegalArgumentException(where + "[" + i + "] is not an integer: " + v);
      }
      out[i] = v.intValue();
    }
    return out;
  }

  private static float[] floats(JsonNode array, int n, String where) {
    checkSize(array, n, where);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) number(array.get(i), where + "[" + i + "]");
    }
    return out;
  }

  private static double[] doubles(JsonNode array, int n, String where) {
    checkSize(array, n, where);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = number(array.get(i), where + "[" + i + "]");
    }
    return out;
  }

  private static boolean[] booleans(JsonNode array, int n, String where) {
    checkSize(array, n, where);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      JsonNode v = array.get(i);
      if (!v.isBoolean()) {
        throw new IllegalArgumentException(where + "[" + i + "] is not a boolean: " + v);
      }
      out[i] = v.booleanValue();
    }
    return out;
  }

  private static double number(JsonNode node, String where) {
    if (node == null || !node.isNumber()) {
      throw new IllegalArgumentException(where + " is not a number: " + node);
    }
    double v = node.doubleValue();
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(where + " is not finite: " + node);
    }
    return v;
  }
}
