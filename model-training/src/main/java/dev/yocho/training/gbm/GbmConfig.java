package dev.yocho.training.gbm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Hyperparameters of the gradient-boosted trees, with XGBoost's meaning. The defaults are fixed in
 * advance (not tuned per fold) and pinned by a test.
 *
 * @param rounds boosting rounds, one tree each
 * @param maxDepth maximum tree depth
 * @param lossGuided grow each tree best-first by loss reduction ({@code grow_policy=lossguide}),
 *     else level by level
 * @param maxLeaves maximum leaves per tree, 0 for no limit other than the depth
 * @param learningRate shrinkage ({@code eta})
 * @param subsample share of rows sampled for each tree
 * @param columnSampleByTree share of features sampled for each tree ({@code colsample_bytree})
 * @param columnSampleByNode share of the tree's features sampled at each split
 * @param minChildWeight minimum hessian mass in a child
 * @param l2Regularisation L2 penalty on leaf weights ({@code lambda})
 * @param l1Regularisation L1 penalty on leaf weights ({@code alpha})
 * @param minSplitLoss minimum loss reduction to split ({@code gamma})
 * @param maxBins histogram bins per feature ({@code max_bin})
 * @param priorBaseScore whether the starting probability is the training default rate (else 0.5)
 * @param threads training threads (does not change the model)
 * @param seed seed of row and column sampling
 */
public record GbmConfig(
    int rounds,
    int maxDepth,
    boolean lossGuided,
    int maxLeaves,
    double learningRate,
    double subsample,
    double columnSampleByTree,
    double columnSampleByNode,
    double minChildWeight,
    double l2Regularisation,
    double l1Regularisation,
    double minSplitLoss,
    int maxBins,
    boolean priorBaseScore,
    int threads,
    long seed) {

  /** The recorded names, in record order; {@link #fromMap} accepts exactly these. */
  public static final Set<String> KEYS =
      Set.of(
          "rounds", "maxDepth", "lossGuided", "maxLeaves", "learningRate", "subsample",
          "columnSampleByTree",
          "columnSampleByNode", "minChildWeight", "l2Regularisation", "l1Regularisation",
          "minSplitLoss", "maxBins", "priorBaseScore", "threads", "seed");

  public GbmConfig {
    positive("rounds", rounds);
    positive("maxDepth", maxDepth);
    if (maxLeaves < 0 || maxLeaves == 1) {
      throw new IllegalArgumentException("maxLeaves must be 0 (no limit) or at least 2, was "
          + maxLeaves);
    }
    share("learningRate", learningRate);
    share("subsample", subsample);
    share("columnSampleByTree", columnSampleByTree);
    share("columnSampleByNode", columnSampleByNode);
    nonNegative("minChildWeight", minChildWeight);
    nonNegative("l2Regularisation", l2Regularisation);
    nonNegative("l1Regularisation", l1Regularisation);
    nonNegative("minSplitLoss", minSplitLoss);
    if (maxBins < 2) {
      throw new IllegalArgumentException("maxBins must be at least 2, was " + maxBins);
    }
    positive("threads", threads);
    if (seed < 0 || seed > Integer.MAX_VALUE) {
      // XGBoost takes a 32-bit signed seed.
      throw new IllegalArgumentException("seed must be in [0, 2^31 - 1], was " + seed);
    }
  }

  /**
   * The fixed default configuration: scikit-learn's histogram gradient boosting defaults expressed
   * in XGBoost (best-first trees of at most 31 leaves, no L2 penalty, no row or column sampling,
   * the prior as starting point), 300 rounds at learning rate 0.05 as the peers run it, and a small
   * minimum child hessian (0.1) because defaults are rare: at a 4% default rate a hessian of 1
   * needs some 25 rows even in the riskiest leaf and hundreds in a safe one.
   */
  public static GbmConfig defaults() {
    return new GbmConfig(
        300, 12, true, 31, 0.05, 1.0, 1.0, 1.0, 0.1, 0.0, 0.0, 0.0, 256, true, 1, 0);
  }

  public GbmConfig withSeed(long newSeed) {
    return new GbmConfig(rounds, maxDepth, lossGuided, maxLeaves, learningRate, subsample,
        columnSampleByTree,
        columnSampleByNode, minChildWeight, l2Regularisation, l1Regularisation, minSplitLoss,
        maxBins, priorBaseScore, threads, newSeed);
  }

  public GbmConfig withThreads(int newThreads) {
    return new GbmConfig(rounds, maxDepth, lossGuided, maxLeaves, learningRate, subsample,
        columnSampleByTree,
        columnSampleByNode, minChildWeight, l2Regularisation, l1Regularisation, minSplitLoss,
        maxBins, priorBaseScore, newThreads, seed);
  }

  public GbmConfig withRounds(int newRounds) {
    return new GbmConfig(newRounds, maxDepth, lossGuided, maxLeaves, learningRate, subsample,
        columnSampleByTree,
        columnSampleByNode, minChildWeight, l2Regularisation, l1Regularisation, minSplitLoss,
        maxBins, priorBaseScore, threads, seed);
  }

  /** Every value by its record name, in record order, as the bundle stores them. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("rounds", Integer.toString(rounds));
    map.put("maxDepth", Integer.toString(maxDepth));
    map.put("lossGuided", Boolean.toString(lossGuided));
    map.put("maxLeaves", Integer.toString(maxLeaves));
    map.put("learningRate", Double.toString(learningRate));
    map.put("subsample", Double.toString(subsample));
    map.put("columnSampleByTree", Double.toString(columnSampleByTree));
    map.put("columnSampleByNode", Double.toString(columnSampleByNode));
    map.put("minChildWeight", Double.toString(minChildWeight));
    map.put("l2Regularisation", Double.toString(l2Regularisation));
    map.put("l1Regularisation", Double.toString(l1Regularisation));
    map.put("minSplitLoss", Double.toString(minSplitLoss));
    map.put("maxBins", Integer.toString(maxBins));
    map.put("priorBaseScore", Boolean.toString(priorBaseScore));
    map.put("threads", Integer.toString(threads));
    map.put("seed", Long.toString(seed));
    return map;
  }

  /**
   * The defaults overridden by {@code values} (record names as keys).
   *
   * @throws IllegalArgumentException naming an unknown key or an unparsable value
   */
  public static GbmConfig fromMap(Map<String, String> values) {
    Map<String, String> merged = new LinkedHashMap<>(defaults().asMap());
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "unknown GBM hyperparameter '" + entry.getKey() + "' (known: " + KEYS.stream()
                .sorted().toList() + ")");
      }
      merged.put(entry.getKey(), entry.getValue().trim());
    }
    return new GbmConfig(
        parseInt(merged, "rounds"),
        parseInt(merged, "maxDepth"),
        parseBoolean(merged, "lossGuided"),
        parseInt(merged, "maxLeaves"),
        parseDouble(merged, "learningRate"),
        parseDouble(merged, "subsample"),
        parseDouble(merged, "columnSampleByTree"),
        parseDouble(merged, "columnSampleByNode"),
        parseDouble(merged, "minChildWeight"),
        parseDouble(merged, "l2Regularisation"),
        parseDouble(merged, "l1Regularisation"),
        parseDouble(merged, "minSplitLoss"),
        parseInt(merged, "maxBins"),
        parseBoolean(merged, "priorBaseScore"),
        parseInt(merged, "threads"),
        parseLong(merged, "seed"));
  }

  private static int parseInt(Map<String, String> values, String key) {
    try {
      return Integer.parseInt(values.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + values.get(key)
          + "'", e);
    }
  }

  private static long parseLong(Map<String, String> values, String key) {
    try {
      return Long.parseLong(values.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + values.get(key)
          + "'", e);
    }
  }

  private static double parseDouble(Map<String, String> values, String key) {
    try {
      return Double.parseDouble(values.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, was '" + values.get(key)
          + "'", e);
    }
  }

  private static boolean parseBoolean(Map<String, String> values, String key) {
    String value = values.get(key);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, was '" + value + "'");
    }
    return Boolean.parseBoolean(value);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  private static void share(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1], was " + value);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and non-negative, was " + value);
    }
  }
}
