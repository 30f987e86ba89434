package dev.yocho.features.compute;

import dev.yocho.features.catalogue.FeatureCatalogue;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Features of many (firm, as-of) rows, in catalogue order, sorted by as-of date then firm id. Values
 * are stored row-major in one array; NaN marks a missing value. Accessors copy nothing except
 * {@link #row}, and the matrix exposes no way to modify it.
 */
public final class FeatureMatrix {
  private final long[] firmIds;
  private final int[] asOfEpochDays;
  private final boolean[] full;
  private final double[] values;
  private final int width;

  FeatureMatrix(long[] firmIds, int[] asOfEpochDays, boolean[] full, double[] values) {
    this.width = FeatureCatalogue.current().size();
    if (asOfEpochDays.length != firmIds.length
        || full.length != firmIds.length
        || values.length != (long) firmIds.length * width) {
      throw new IllegalStateException("inconsistent feature matrix dimensions");
    }
    this.firmIds = firmIds;
    this.asOfEpochDays = asOfEpochDays;
    this.full = full;
    this.values = values;
  }

  /** Number of (firm, as-of) rows. */
  public int rows() {
    return firmIds.length;
  }

  /** Number of features (the catalogue size). */
  public int columns() {
    return width;
  }

  public long firmId(int row) {
    return firmIds[row];
  }

  public LocalDate asOf(int row) {
    return LocalDate.ofEpochDay(asOfEpochDays[row]);
  }

  public Tier tier(int row) {
    return Tier.of(full[row]);
  }

  /** The value of feature {@code column} (catalogue position) in {@code row}. */
  public double value(int row, int column) {
    return values[row * width + column];
  }

  /** The row as a {@link FeatureVector}. */
  public FeatureVector row(int row) {
    return new FeatureVector(
        firmIds[row], asOf(row), Arrays.copyOfRange(values, row * width, (row + 1) * width),
        tier(row));
  }

  /** The row of {@code firmId} as of {@code asOf}, or -1 when that firm was not live then. */
  public int find(long firmId, LocalDate asOf) {
    int day = (int) asOf.toEpochDay();
    int lo = 0;
    int hi = firmIds.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = asOfEpochDays[mid] != day
          ? Integer.compare(asOfEpochDays[mid], day)
          : Long.compare(firmIds[mid], firmId);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  }
}
