package dev.yocho.training.scorecard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Fits the monotone bins of one feature: quantile cut points on the float-rounded values, bins
 * below the minimum share merged into a neighbour, then adjacent bins merged until the WoE is
 * strictly monotone. For a feature with a declared risk direction the WoE rises with the value
 * (direction +1) or falls (-1), whatever the data say; for an undirected feature both directions
 * are tried and the one that keeps more information value (IV) wins.
 */
public final class MonotoneBinner {
  private final ScorecardConfig config;

  public MonotoneBinner(ScorecardConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * The binning of {@code column} against {@code labels}.
   *
   * @throws IllegalArgumentException if the lengths differ or a class is absent
   */
  public FeatureBinning fit(double[] column, boolean[] labels) {
    return fit(column, labels, 0);
  }

  /**
   * The binning of {@code column} against {@code labels}, its WoE monotone in {@code direction}
   * (+1 increasing, -1 decreasing, 0 whichever keeps more IV).
   *
   * @throws IllegalArgumentException if the lengths differ, a class is absent or the direction is
   *     not -1, 0 or +1
   */
  public FeatureBinning fit(double[] column, boolean[] labels, int direction) {
    if (direction < -1 || direction > 1) {
      throw new IllegalArgumentException("direction must be -1, 0 or +1, was " + direction);
    }
    if (column.length != labels.length) {
      throw new IllegalArgumentException(
          column.length + " values but " + labels.length + " labels");
    }
    long totalPositives = 0;
    int present = 0;
    long missingCount = 0;
    long missingPositives = 0;
    for (int i = 0; i < column.length; i++) {
      if (labels[i]) {
        totalPositives++;
      }
      if (isMissing((float) column[i])) {
        missingCount++;
        if (labels[i]) {
          missingPositives++;
        }
      } else {
        present++;
      }
    }
    long totalNegatives = column.length - totalPositives;
    if (totalPositives == 0 || totalNegatives == 0) {
      throw new IllegalArgumentException(
          "binning needs both classes, got " + totalPositives + " positives in " + column.length
              + " rows");
    }
    Woe woe = new Woe(config.woeSmoothing(), totalPositives, totalNegatives);
    double missingWoe = missingCount == 0 ? 0.0 : woe.of(missingPositives, missingCount);

    float[] values = new float[present];
    boolean[] valueLabels = new boolean[present];
    Integer[] order = new Integer[present];
    int k = 0;
    for (int i = 0; i < column.length; i++) {
      float v = (float) column[i];
      if (!isMissing(v)) {
        values[k] = v;
        valueLabels[k] = labels[i];
        order[k] = k;
        k++;
      }
    }
    Arrays.sort(order, (a, b) -> Float.compare(values[a], values[b]));
    float[] sorted = new float[present];
    boolean[] sortedLabels = new boolean[present];
    for (int i = 0; i < present; i++) {
      sorted[i] = values[order[i]];
      sortedLabels[i] = valueLabels[order[i]];
    }

    List<Bin> bins = quantileBins(sorted, sortedLabels);
    mergeSmall(bins, (long) Math.ceil(config.minBinShare() * present));
    List<Bin> chosen;
    if (direction != 0) {
      chosen = monotone(new ArrayList<>(bins), woe, direction);
    } else {
      List<Bin> increasing = monotone(new ArrayList<>(bins), woe, +1);
      List<Bin> decreasing = monotone(new ArrayList<>(bins), woe, -1);
      chosen = informationValue(increasing, woe) >= informationValue(decreasing, woe)
          ? increasing : decreasing;
    }

    int count = chosen.size();
    float[] cuts = new float[count - 1];
    double[] binWoe = new double[count];
    long[] counts = new long[count];
    long[] positives = new long[count];
    for (int b = 0; b < count; b++) {
      Bin bin = chosen.get(b);
      if (b > 0) {
        cuts[b - 1] = bin.lowerCut;
      }
      counts[b] = bin.count;
      positives[b] = bin.positives;
      binWoe[b] = bin.count == 0 ? 0.0 : woe.of(bin.positives, bin.count);
    }
    return new FeatureBinning(cuts, binWoe, counts, positives, missingWoe, missingCount,
        missingPositives);
  }

  /**
   * NaN is missing; so is −∞, which no cut can put below the missing-bin split of the scorecard's
   * trees (that split's threshold is the lowest finite float).
   */
  static boolean isMissing(float v) {
    return Float.isNaN(v) || v == Float.NEGATIVE_INFINITY;
  }

  private List<Bin> quantileBins(float[] sorted, boolean[] sortedLabels) {
    int n = sorted.length;
    List<Bin> bins = new ArrayList<>();
    if (n == 0) {
      bins.add(new Bin(Float.NaN, 0, 0));
      return bins;
    }
    // A cut at v sends values >= v to the upper bin; cuts are distinct values above the minimum.
    List<Float> cuts = new ArrayList<>();
    for (int q = 1; q < config.initialBins(); q++) {
      float v = sorted[(int) ((long) q * n / config.initialBins())];
      if (v > sorted[0] && (cuts.isEmpty() || v > cuts.get(cuts.size() - 1))) {
        cuts.add(v);
      }
    }
    int next = 0;
    Bin current = new Bin(Float.NaN, 0, 0);
    for (int i = 0; i < n; i++) {
      while (next < cuts.size() && sorted[i] >= cuts.get(next)) {
        bins.add(current);
        current = new Bin(cuts.get(next), 0, 0);
        next++;
      }
      current.count++;
      if (sortedLabels[i]) {
        current.positives++;
      }
    }
    bins.add(current);
    return bins;
  }

  /** Merges the smallest bin under {@code minCount} into its smaller neighbour, until none is. */
  private static void mergeSmall(List<Bin> bins, long minCount) {
    while (bins.size() > 1) {
      int smallest = -1;
      for (int b = 0; b < bins.size(); b++) {
        if (bins.get(b).count < minCount
            && (smallest < 0 || bins.get(b).count < bins.get(smallest).count)) {
          smallest = b;
        }
      }
      if (smallest < 0) {
        return;
      }
      int neighbour;
      if (smallest == 0) {
        neighbour = 1;
      } else if (smallest == bins.size() - 1) {
        neighbour = smallest - 1;
      } else {
        neighbour = bins.get(smallest - 1).count <= bins.get(smallest + 1).count
            ? smallest - 1 : smallest + 1;
      }
      merge(bins, Math.min(smallest, neighbour));
    }
  }

  /** Merges adjacent bins until the WoE strictly increases ({@code +1}) or decreases. */
  private static List<Bin> monotone(List<Bin> bins, Woe woe, int direction) {
    List<Bin> copy = new ArrayList<>();
    for (Bin bin : bins) {
      copy.add(new Bin(bin.lowerCut, bin.count, bin.positives));
    }
    boolean merged = true;
    while (merged && copy.size() > 1) {
      merged = false;
      // Merge the adjacent pair that violates the direction most; pooling the worst first keeps
      // more bins than merging left to right.
      int worst = -1;
      double worstStep = 0;
      for (int b = 0; b + 1 < copy.size(); b++) {
        double step = direction * (woe.of(copy.get(b + 1)) - woe.of(copy.get(b)));
        if (step <= 0 && (worst < 0 || step < worstStep)) {
          worst = b;
          worstStep = step;
        }
      }
      if (worst >= 0) {
        merge(copy, worst);
        merged = true;
      }
    }
    return copy;
  }

  private static double informationValue(List<Bin> bins, Woe woe) {
    double iv = 0;
    for (Bin bin : bins) {
      double badShare = (double) bin.positives / woe.totalPositives;
      double goodShare = (double) (bin.count - bin.positives) / woe.totalNegatives;
      iv += (badShare - goodShare) * woe.of(bin);
    }
    return iv;
  }

  /** Merges bin {@code b + 1} into bin {@code b}. */
  private static void merge(List<Bin> bins, int b) {
    Bin lower = bins.get(b);
    Bin upper = bins.remove(b + 1);
    lower.count += upper.count;
    lower.positives += upper.positives;
  }

  /** A bin under construction: its lower cut (NaN for the first bin) and class counts. */
  private static final class Bin {
    final float lowerCut;
    long count;
    long positives;

    Bin(float lowerCut, long count, long positives) {
      this.lowerCut = lowerCut;
      this.count = count;
      this.positives = positives;
    }
  }

  /** The smoothed WoE against fixed class totals. */
  private static final class Woe {
    final double smoothing;
    final long totalPositives;
    final long totalNegatives;
    final double baseline;

    Woe(double smoothing, long totalPositives, long totalNegatives) {
      this.smoothing = smoothing;
      this.totalPositives = totalPositives;
      this.totalNegatives = totalNegatives;
      this.baseline = Math.log((double) totalPositives / totalNegatives);
    }

    double of(long positives, long count) {
      return Math.log((positives + smoothing) / (count - positives + smoothing)) - baseline;
    }

    double of(Bin bin) {
      return of(bin.positives, bin.count);
    }
  }
}
