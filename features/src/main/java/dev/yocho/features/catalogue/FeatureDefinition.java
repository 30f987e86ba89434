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
    List<String> tables) {
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
        String.join(",", tables));
  }
}
