package dev.yocho.scoring.explain;

/**
 * SHAP values of one row: {@code expectedValue + Σ contributions[j]} is the row's margin.
 *
 * @param expectedValue φ_0, the margin expected before any feature is known
 * @param contributions φ_j in log-odds, indexed like the model's features (copied)
 */
public record ShapValues(double expectedValue, double[] contributions) {

  public ShapValues {
    contributions = contributions.clone();
  }

  @Override
  public double[] contributions() {
    return contributions.clone();
  }

  public double contribution(int feature) {
    return contributions[feature];
  }

  public int featureCount() {
    return contributions.length;
  }

  /** φ_0 + Σ φ_j. */
  public double margin() {
    double sum = expectedValue;
    for (double c : contributions) {
      sum += c;
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShapValues s
        && Double.compare(expectedValue, s.expectedValue) == 0
        && java.util.Arrays.equals(contributions, s.contributions);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(expectedValue) * 31 + java.util.Arrays.hashCode(contributions);
  }

  @Override
  public String toString() {
    return "ShapValues[expectedValue=" + expectedValue + ", contributions="
        + java.util.Arrays.toString(contributions) + "]";
  }
}
