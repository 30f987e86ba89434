package dev.yocho.features.catalogue;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One feature of the catalogue: what it is called, what it means, how it is computed, and what
 * happens at the edges.
 *
 * @param name snake_case identifier; the column name in batch output and the key in JSON
 * @param labelJa Japanese label shown to credit staff
 * @param labelEn English label
 * @param formula the definition in words and symbols (documentation; the computations live in the
 *     batch SQL and in {@code SingleFirmFeatures}, and a contract test keeps them equal)
 * @param unit unit of the value, e.g. {@code ratio}, {@code days}, {@code months}, {@code count}
 * @param lowerBound winsorisation lower bound, {@code Double.NEGATIVE_INFINITY} when none
 * @param upperBound winsorisation upper bound, {@code Double.POSITIVE_INFINITY} when none
 * @param missingPolicy when the value is the missing marker (NaN) or takes a defined edge value
 * @param tables the observable tables the feature reads
 * @param direction the declared risk direction: {@code +1} when a higher value means a higher risk,
 *     {@code -1} when a higher value means a lower risk, {@code 0} when no direction is fixed. The
 *     models are monotone in every directed feature (XGBoost's monotone constraints, the
 *     scorecard's bins and coefficient signs), so an explanation's contribution of a directed
 *     feature always has the sign of {@code direction × (value after − value before)} or is 0
 * @param directionReason one line saying why the direction holds (or why none is declared)
 */
public record FeatureDefinition(
    String name,
    String labelJa,
    String labelEn,
    String formula,
    String unit,
    double lowerBound,
    double upperBound,
    String missingPolicy,
    List<String> tables,
    int direction,
    String directionReason) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public FeatureDefinition {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("feature name must be snake_case: '" + name + "'");
    }
    Objects.requireNonNull(labelJa, "labelJa");
    Objects.requireNonNull(labelEn, "labelEn");
    Objects.requireNonNull(formula, "formula");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(missingPolicy, "missingPolicy");
    if (Double.isNaN(lowerBound) || Double.isNaN(upperBound) || lowerBound >= upperBound) {
      throw new IllegalArgumentException(
          "feature " + name + ": bad winsorisation bounds [" + lowerBound + ", " + upperBound + "]");
    }
    tables = List.copyOf(tables);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("feature " + name + " reads no table");
    }
    if (direction < -1 || direction > 1) {
      throw new IllegalArgumentException(
          "feature " + name + ": direction must be -1, 0 or +1, was " + direction);
    }
    Objects.requireNonNull(directionReason, "directionReason");
    if (directionReason.isBlank() || directionReason.contains("\n")) {
      throw new IllegalArgumentException(
          "feature " + name + ": the direction needs a one-line reason");
    }
  }

  /** A definition whose direction is not declared yet (0, "not declared"); see {@link #directed}. */
  public FeatureDefinition(
      String name,
      String labelJa,
      String labelEn,
      String formula,
      String unit,
      double lowerBound,
      double upperBound,
      String missingPolicy,
      List<String> tables) {
    this(name, labelJa, labelEn, formula, unit, lowerBound, upperBound, missingPolicy, tables, 0,
        NOT_DECLARED);
  }

  /** The reason of a definition built without a direction. */
  static final String NOT_DECLARED = "not declared";

  /** This definition with the risk direction {@code newDirection} and its one-line reason. */
  public FeatureDefinition directed(int newDirection, String reason) {
    return new FeatureDefinition(name, labelJa, labelEn, formula, unit, lowerBound, upperBound,
        missingPolicy, tables, newDirection, reason);
  }

  /** True when the feature has at least one finite winsorisation bound. */
  public boolean winsorised() {
    return Double.isFinite(lowerBound) || Double.isFinite(upperBound);
  }

  /**
   * Clamps a raw value into the bounds. NaN (missing) stays NaN; infinities (used for "worse than
   * any finite value", e.g. net debt with non-positive EBITDA) land on the bound.
   */
  public double winsorise(double raw) {
    if (Double.isNaN(raw)) {
      return raw;
    }
    if (raw < lowerBound) {
      return lowerBound;
    }
    if (raw > upperBound) {
      return upperBound;
    }
    return raw;
  }

  /** The canonical text hashed into the catalogue version. */
  String canonical() {
    return String.join(
        "\u001f",
        name,
        labelJa,
        labelEn,
        formula,
        unit,
        Double.toString(lowerBound),
        Double.toString(upperBound),
        missingPolicy,
        String.join(",", tables),
        Integer.toString(direction),
        directionReason);
  }
}
