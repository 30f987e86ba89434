package dev.yocho.training.metrics;

import java.util.List;

/**
 * Mean and population standard deviation (divisor {@code n}, as NumPy's {@code std} and the peers
 * report) of one metric over cross-validation folds.
 */
public record FoldSummary(List<Double> values, double mean, double sd) {

  public FoldSummary {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a fold summary needs at least one value");
    }
  }

  /** Summarises {@code values} (one per fold, in fold order). */
  public static FoldSummary of(List<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a fold summary needs at least one value");
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double mean = sum / values.size();
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return new FoldSummary(values, mean, Math.sqrt(squares / values.size()));
  }
}
