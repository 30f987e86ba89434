package dev.yocho.features.compute;

import dev.yocho.features.catalogue.FeatureCatalogue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * The features of one firm as of one date, in catalogue order; NaN marks a missing value.
 *
 * @param firmId the firm
 * @param asOf the date the features are computed as of
 * @param values one value per catalogue feature, in catalogue order (defensively copied)
 * @param tier {@link Tier#FULL} when a statement is visible, else {@link Tier#THIN}
 */
public record FeatureVector(long firmId, LocalDate asOf, double[] values, Tier tier) {
  public FeatureVector {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(tier, "tier");
    values = values.clone();
    int expected = FeatureCatalogue.current().size();
    if (values.length != expected) {
      throw new IllegalArgumentException(
          "feature vector of firm " + firmId + " has " + values.length + " values, the catalogue "
              + expected);
    }
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** The value at {@code position} in catalogue order. */
  public double value(int position) {
    return values[position];
  }

  /** The value of the feature called {@code name}. */
  public double value(String name) {
    return values[FeatureCatalogue.current().require(name)];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureVector v
        && v.firmId == firmId
        && v.asOf.equals(asOf)
        && v.tier == tier
        && Arrays.equals(v.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(firmId, asOf, tier, Arrays.hashCode(values));
  }

  @Override
  public String toString() {
    return "FeatureVector[firmId=" + firmId + ", asOf=" + asOf + ", tier=" + tier + ", values="
        + Arrays.toString(values) + "]";
  }
}
