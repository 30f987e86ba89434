package dev.yocho.training.scorecard;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters of the logistic scorecard. The defaults are fixed in advance and pinned by a
 * test.
 *
 * @param initialBins quantile bins per feature before merging
 * @param minBinShare smallest share of the non-missing training rows a bin may hold
 * @param woeSmoothing pseudo-count added to each class in a bin before taking the WoE
 * @param epochs passes of stochastic gradient descent over the training rows
 * @param learningRate AdaGrad's initial learning rate
 * @param minibatchSize rows per gradient step
 * @param seed seed of the row shuffling
 */
public record ScorecardConfig(
    int initialBins,
    double minBinShare,
    double woeSmoothing,
    int epochs,
    double learningRate,
    int minibatchSize,
    long seed) {

  public ScorecardConfig {
    if (initialBins < 2) {
      throw new IllegalArgumentException("initialBins must be at least 2, was " + initialBins);
    }
    if (!(minBinShare >= 0 && minBinShare < 0.5)) {
      throw new IllegalArgumentException("minBinShare must be in [0, 0.5), was " + minBinShare);
    }
    if (!(woeSmoothing > 0) || Double.isInfinite(woeSmoothing)) {
      throw new IllegalArgumentException("woeSmoothing must be positive, was " + woeSmoothing);
    }
    if (epochs <= 0) {
      throw new IllegalArgumentException("epochs must be positive, was " + epochs);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive, was " + learningRate);
    }
    if (minibatchSize <= 0) {
      throw new IllegalArgumentException("minibatchSize must be positive, was " + minibatchSize);
    }
  }

  /** The fixed default configuration. */
  public static ScorecardConfig defaults() {
    return new ScorecardConfig(20, 0.02, 0.5, 20, 0.5, 1, 0);
  }

  public ScorecardConfig withSeed(long newSeed) {
    return new ScorecardConfig(initialBins, minBinShare, woeSmoothing, epochs, learningRate,
        minibatchSize, newSeed);
  }

  /** Every value by its record name, in record order, as the bundle stores them. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("initialBins", Integer.toString(initialBins));
    map.put("minBinShare", Double.toString(minBinShare));
    map.put("woeSmoothing", Double.toString(woeSmoothing));
    map.put("epochs", Integer.toString(epochs));
    map.put("learningRate", Double.toString(learningRate));
    map.put("minibatchSize", Integer.toString(minibatchSize));
    map.put("seed", Long.toString(seed));
    return map;
  }
}
