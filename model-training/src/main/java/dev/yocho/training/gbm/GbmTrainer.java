package dev.yocho.training.gbm;

import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.provenance.TrainingProvenance;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Trains gradient-boosted trees with XGBoost's {@code binary:logistic} objective (one tree per
 * round, one raw margin) and converts them into a {@link TreeEnsemble}. Missing values are {@code
 * NaN}; every value is rounded to {@code float}, as XGBoost and the ensemble both do.
 *
 * <p>With risk directions (the catalogue's, DESIGN section 14) the trees are grown under XGBoost's
 * monotone constraints ({@code monotone_constraints = "(1,-1,0,…)"} in feature order): every tree,
 * and so the margin, is non-decreasing in each feature of direction +1 and non-increasing in each
 * of direction -1, whatever the other features' values. A missing value is not ordered and takes
 * each split's default branch.
 */
public final class GbmTrainer {
  private final GbmConfig config;
  private final int[] directions;

  /** A trainer without monotone constraints (the tabular mode: features without directions). */
  public GbmTrainer(GbmConfig config) {
    this(config, null);
  }

  /**
   * A trainer monotone in every feature {@code j} with {@code directions[j] != 0}.
   *
   * @param directions one of -1, 0, +1 per feature in the matrix's order, or {@code null} for none
   */
  public GbmTrainer(GbmConfig config, int[] directions) {
    this.config = Objects.requireNonNull(config, "config");
    if (directions != null) {
      for (int j = 0; j < directions.length; j++) {
        if (directions[j] < -1 || directions[j] > 1) {
          throw new IllegalArgumentException(
              "direction of feature " + j + " must be -1, 0 or +1, was " + directions[j]);
        }
      }
    }
    this.directions = directions == null ? null : directions.clone();
  }

  public GbmConfig config() {
    return config;
  }

  /**
   * Trains on {@code data} and returns the converted model; the native booster is released.
   *
   * @throws IllegalArgumentException if {@code data} lacks a class
   */
  public GbmModel fit(LabelledMatrix data) {
    Booster booster = trainBooster(data);
    try {
      TreeEnsemble ensemble = XgboostTrees.fromJson(booster.toByteArray("json"),
          data.featureCount());
      return new GbmModel(ensemble, config, provenance(data));
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not serialise its model: " + e.getMessage(),
          e);
    } finally {
      booster.dispose();
    }
  }

  /**
   * Trains the native booster; the caller must {@link Booster#dispose()} it. Exposed for checks
   * against XGBoost's own predictor.
   */
  public Booster trainBooster(LabelledMatrix data) {
    data.requireBothClasses();
    DMatrix matrix = toDMatrix(data.rows(), data.featureCount());
    try {
      float[] labels = new float[data.rowCount()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = data.labels()[i] ? 1f : 0f;
      }
      matrix.setLabel(labels);
      Map<String, Object> parameters = xgboostParameters(data);
      return XGBoost.train(matrix, parameters, config.rounds(), Map.of(), null, null);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
    } finally {
      matrix.dispose();
    }
  }

  /** The parameters handed to XGBoost for {@code data}, in a fixed order. */
  Map<String, Object> xgboostParameters(LabelledMatrix data) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("objective", "binary:logistic");
    parameters.put("booster", "gbtree");
    parameters.put("tree_method", "hist");
    parameters.put("eta", config.learningRate());
    parameters.put("max_depth", config.maxDepth());
    parameters.put("grow_policy", config.lossGuided() ? "lossguide" : "depthwise");
    parameters.put("max_leaves", config.maxLeaves());
    parameters.put("subsample", config.subsample());
    parameters.put("colsample_bytree", config.columnSampleByTree());
    parameters.put("colsample_bynode", config.columnSampleByNode());
    parameters.put("min_child_weight", config.minChildWeight());
    parameters.put("lambda", config.l2Regularisation());
    parameters.put("alpha", config.l1Regularisation());
    parameters.put("gamma", config.minSplitLoss());
    parameters.put("max_bin", config.maxBins());
    parameters.put("base_score", baseScore(data));
    String constraints = monotoneConstraints(data);
    if (constraints != null) {
      parameters.put("monotone_constraints", constraints);
    }
    parameters.put("seed", (int) config.seed());
    parameters.put("nthread", config.threads());
    parameters.put("verbosity", 0);
    return parameters;
  }

  /** XGBoost's {@code "(d0,d1,…)"} in feature order, or {@code null} without directions. */
  String monotoneConstraints(LabelledMatrix data) {
    if (directions == null) {
      return null;
    }
    if (directions.length != data.featureCount()) {
      throw new IllegalArgumentException(directions.length + " directions for "
          + data.featureCount() + " features");
    }
    StringBuilder text = new StringBuilder("(");
    for (int j = 0; j < directions.length; j++) {
      text.append(j == 0 ? "" : ",").append(directions[j]);
    }
    return text.append(')').toString();
  }

  /** The starting probability: the training default rate, or XGBoost's 0.5. */
  double baseScore(LabelledMatrix data) {
    if (!config.priorBaseScore()) {
      return 0.5;
    }
    return (double) data.positives() / data.rowCount();
  }

  /** Rows as XGBoost's dense row-major float matrix, {@code NaN} marking missing values. */
  static DMatrix toDMatrix(double[][] rows, int featureCount) {
    float[] values = new float[Math.multiplyExact(rows.length, featureCount)];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < featureCount; j++) {
        values[i * featureCount + j] = (float) rows[i][j];
      }
    }
    try {
      return new DMatrix(values, rows.length, featureCount, Float.NaN);
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost could not build a matrix: " + e.getMessage(), e);
    }
  }

  private TrainingProvenance provenance(LabelledMatrix data) {
    Map<String, String> hyperparameters = new LinkedHashMap<>(config.asMap());
    hyperparameters.put("baseScore", Double.toString(baseScore(data)));
    String constraints = monotoneConstraints(data);
    if (constraints != null) {
      hyperparameters.put("monotoneConstraints", constraints);
    }
    return new TrainingProvenance(
        "gbm",
        "xgboost4j " + xgboostVersion(),
        "binary:logistic gbtree hist",
        hyperparameters,
        data.rowCount(),
        data.positives(),
        data.featureNames(),
        Instant.now(),
        TrainingProvenance.currentRuntime());
  }

  /** The xgboost4j version from the jar's own properties. */
  public static String xgboostVersion() {
    try (InputStream in = XGBoost.class.getResourceAsStream("/xgboost4j-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
