package dev.yocho.training.scorecard;

import java.util.Arrays;

/**
 * The monotone bins of one feature and their weights of evidence. Bin {@code b} holds the values
 * {@code v} (rounded to float) with {@code cuts[b-1] <= v < cuts[b]}; bin 0 is everything below
 * {@code cuts[0]} and the last bin everything at or above the last cut. A missing value ({@code
 * NaN}) is in the missing bin, and so is −∞: the scorecard's trees separate the missing bin with
 * a split at the lowest finite float, below which only −∞ lies.
 *
 * <p>WoE here is the log-odds of default in the bin minus the overall log-odds, so a positive WoE
 * marks a riskier bin: {@code ln((bad + s) / (good + s)) − ln(bad_total / good_total)}, with the
 * pseudo-count {@code s} keeping empty classes finite.
 *
 * @param cuts strictly increasing cut points, one fewer than bins
 * @param woe WoE of each bin, monotone in the bin index
 * @param counts training rows in each bin
 * @param positives training defaults in each bin
 * @param missingWoe WoE of the missing bin (0, the average, when training saw no missing value)
 * @param missingCount training rows with a missing value
 * @param missingPositives training defaults among them
 */
public record FeatureBinning(
    float[] cuts,
    double[] woe,
    long[] counts,
    long[] positives,
    double missingWoe,
    long missingCount,
    long missingPositives) {

  public FeatureBinning {
    int bins = woe.length;
    if (bins == 0 || cuts.length != bins - 1 || counts.length != bins
        || positives.length != bins) {
      throw new IllegalArgumentException(
          "binning arrays disagree: " + cuts.length + " cuts, " + woe.length + " WoE values, "
              + counts.length + " counts, " + positives.length + " positive counts");
    }
    for (int b = 1; b < cuts.length; b++) {
      if (!(cuts[b] > cuts[b - 1])) {
        throw new IllegalArgumentException(
            "cuts must increase strictly, but cut " + b + " is " + cuts[b] + " after "
                + cuts[b - 1]);
      }
    }
    for (float cut : cuts) {
      if (!Float.isFinite(cut)) {
        throw new IllegalArgumentException("cut " + cut + " is not finite");
      }
    }
  }

  public int binCount() {
    return woe.length;
  }

  /** The bin of {@code value}, or -1 for a missing value. */
  public int bin(double value) {
    float v = (float) value;
    if (MonotoneBinner.isMissing(v)) {
      return -1;
    }
    // Number of cuts at or below v; the same comparison as the tree (v < cut goes left).
    int lo = 0;
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (v < cuts[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The WoE of {@code value}. */
  public double woeOf(double value) {
    int b = bin(value);
    return b < 0 ? missingWoe : woe[b];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureBinning f
        && Arrays.equals(cuts, f.cuts)
        && Arrays.equals(woe, f.woe)
        && Arrays.equals(counts, f.counts)
        && Arrays.equals(positives, f.positives)
        && Double.compare(missingWoe, f.missingWoe) == 0
        && missingCount == f.missingCount
        && missingPositives == f.missingPositives;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(cuts) * 31 + Arrays.hashCode(woe);
  }

  @Override
  public String toString() {
    return "FeatureBinning[cuts=" + Arrays.toString(cuts) + ", woe=" + Arrays.toString(woe)
        + ", missingWoe=" + missingWoe + "]";
  }
}
