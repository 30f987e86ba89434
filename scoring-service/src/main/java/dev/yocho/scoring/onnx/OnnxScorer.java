package dev.yocho.scoring.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An ONNX Runtime session over a model with one float (or double) input {@code [N, featureCount]}
 * and one double (or float) output {@code [N, 1]}, the raw margin (log-odds). yocho's writer emits
 * float input and double output; bundles of earlier versions (double input, float output) still
 * load, so that moves across a model change can be explained.
 *
 * <p>Thread safety: {@link #margins} may be called from several threads at once (ONNX Runtime
 * sessions are thread-safe); {@link #close()} must not race with them.
 */
public final class OnnxScorer implements AutoCloseable {
  private final OrtEnvironment environment;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final String inputName;
  private final int featureCount;
  private final SortedMap<String, String> metadata;
  /** Whether the model takes double input (bundles before the parted graph did). */
  private final boolean doubleInput;
  /** Whether the model returns double margins (yocho's writer emits double; float is accepted). */
  private final boolean doubleOutput;
  /** Per calling thread: the widening scratch array of a double-input model. */
  private final ThreadLocal<double[]> widenBuffer = ThreadLocal.withInitial(() -> new double[0]);

  private OnnxScorer(
      OrtEnvironment environment, OrtSession.SessionOptions sessionOptions, OrtSession session) {
    this.environment = environment;
    this.sessionOptions = sessionOptions;
    this.session = session;
    try {
      if (session.getNumInputs() != 1 || session.getNumOutputs() != 1) {
        throw new IllegalArgumentException(
            "model must have one input and one output, has " + session.getNumInputs() + " and "
                + session.getNumOutputs());
      }
      Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
      NodeInfo output = session.getOutputInfo().values().iterator().next();
      this.inputName = input.getKey();
      long[] inShape = matrixShape(input.getValue(), "input", true);
      long[] outShape = matrixShape(output, "output", true);
      this.doubleInput = ((TensorInfo) input.getValue().getInfo()).type == OnnxJavaType.DOUBLE;
      this.doubleOutput = ((TensorInfo) output.getInfo()).type == OnnxJavaType.DOUBLE;
      if (inShape[1] < 1 || inShape[1] > Integer.MAX_VALUE || outShape[1] != 1) {
        throw new IllegalArgumentException(
            "model must map [N, features] to [N, 1], maps [" + inShape[0] + ", " + inShape[1]
                + "] to [" + outShape[0] + ", " + outShape[1] + "]");
      }
      this.featureCount = (int) inShape[1];
      this.metadata =
          Collections.unmodifiableSortedMap(
              new TreeMap<>(session.getMetadata().getCustomMetadata()));
    } catch (OrtException e) {
      throw new IllegalStateException("cannot read the ONNX model's signature", e);
    }
  }

  /**
   * Opens a session over the model bytes.
   *
   * @throws IllegalArgumentException if ONNX Runtime rejects the model or its signature is not
   *     float {@code [N, F] → [N, 1]}
   */
  public static OnnxScorer open(byte[] model, ScorerOptions options) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions sessionOptions = sessionOptions(options);
    OrtSession session = null;
    try {
      session = environment.createSession(model, sessionOptions);
      return new OnnxScorer(environment, sessionOptions, session);
    } catch (OrtException e) {
      sessionOptions.close();
      throw new IllegalArgumentException("ONNX Runtime rejected the model: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(session, e);
      sessionOptions.close();
      throw e;
    }
  }

  /** Opens a session over an ONNX file. */
  public static OnnxScorer open(Path file, ScorerOptions options) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ONNX model " + file, e);
    }
    return open(bytes, options);
  }

  private static OrtSession.SessionOptions sessionOptions(ScorerOptions options) {
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    try {
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(1);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      so.setOptimizationLevel(options.optimizationLevel());
      so.addConfigEntry("session.intra_op.allow_spinning", options.allowSpinning() ? "1" : "0");
      return so;
    } catch (OrtException e) {
      so.close();
      throw new IllegalStateException("cannot configure the ONNX Runtime session", e);
    }
  }

  /** The shape of a float matrix ({@code doubleAllowed}: or a double one). */
  private static long[] matrixShape(NodeInfo node, String what, boolean doubleAllowed) {
    if (!(node.getInfo() instanceof TensorInfo info)
        || !(info.type == OnnxJavaType.FLOAT || (doubleAllowed && info.type == OnnxJavaType.DOUBLE))
        || info.getShape().length != 2) {
      throw new IllegalArgumentException(
          "model " + what + " '" + node.getName() + "' must be a float"
              + (doubleAllowed ? " or double" : "") + " matrix, is " + node.getInfo());
    }
    return info.getShape();
  }

  /**
   * The input tensor: the float rows as they are, or widened to double for a double-input model
   * (the values stay float-rounded, so every split compares as it does on floats).
   */
  private OnnxTensor inputTensor(float[] rows, int values, long[] shape) throws OrtException {
    if (!doubleInput) {
      return OnnxTensor.createTensor(environment, FloatBuffer.wrap(rows, 0, values), shape);
    }
    double[] widened = widenBuffer.get();
    if (widened.length < values) {
      widened = new double[values];
      widenBuffer.set(widened);
    }
    for (int i = 0; i < values; i++) {
      widened[i] = rows[i];
    }
    // createTensor copies the heap buffer into native memory, so the scratch array is reusable
    return OnnxTensor.createTensor(environment, java.nio.DoubleBuffer.wrap(widened, 0, values),
        shape);
  }

  public int featureCount() {
    return featureCount;
  }

  public String inputName() {
    return inputName;
  }

  /** The model's {@code metadata_props}, sorted by key. */
  public SortedMap<String, String> metadata() {
    return metadata;
  }

  /**
   * Scores {@code rowCount} rows stored row-major in {@code rows} (row {@code i}, feature
   * {@code j} at {@code i * featureCount + j}) into {@code margins[0 … rowCount-1]}.
   */
  public void margins(float[] rows, int rowCount, double[] margins) {
    if (rowCount < 0
        || (long) rowCount * featureCount > rows.length
        || margins.length < rowCount) {
      throw new IllegalArgumentException(
          rowCount + " rows of " + featureCount + " features do not fit " + rows.length
              + " values and " + margins.length + " margins");
    }
    if (rowCount == 0) {
      return;
    }
    long[] shape = {rowCount, featureCount};
    try (OnnxTensor tensor = inputTensor(rows, rowCount * featureCount, shape);
        OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
      OnnxValue value = result.get(0);
      if (!(value instanceof OnnxTensor out)) {
        throw new IllegalStateException("model output is not a tensor: " + value.getInfo());
      }
      java.nio.Buffer scores = doubleOutput ? out.getDoubleBuffer() : out.getFloatBuffer();
      if (scores == null || scores.remaining() != rowCount) {
        throw new IllegalStateException(
            "model returned " + (scores == null ? "no values" : scores.remaining() + " values")
                + " for " + rowCount + " rows");
      }
      if (scores instanceof java.nio.DoubleBuffer d) {
        d.get(margins, 0, rowCount);
      } else {
        FloatBuffer f = (FloatBuffer) scores;
        for (int i = 0; i < rowCount; i++) {
          margins[i] = f.get(i);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to score " + rowCount + " rows", e);
    }
  }

  /** Scores rows given as one array each. Allocates a batch buffer; prefer the flat form. */
  public double[] margins(float[][] rows) {
    float[] flat = new float[rows.length * featureCount];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != featureCount) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " features, the model takes " + featureCount);
      }
      System.arraycopy(rows[i], 0, flat, i * featureCount, featureCount);
    }
    double[] margins = new double[rows.length];
    margins(flat, rows.length, margins);
    return margins;
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the ONNX Runtime session", e);
    } finally {
      sessionOptions.close();
    }
  }

  private static void closeQuietly(OrtSession session, RuntimeException primary) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        primary.addSuppressed(e);
      }
    }
  }
}
