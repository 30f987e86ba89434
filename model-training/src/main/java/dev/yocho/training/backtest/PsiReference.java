package dev.yocho.training.backtest;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training sample a model's population stability is measured against: every live firm at the
 * month-ends of the model's training window (every n-th month-end), scored by the model. Score
 * bins are the master-scale grades; feature bins are the deciles of the reference's non-missing
 * values (ties merged) plus one bin for missing values.
 */
final class PsiReference {
  final List<LocalDate> dates;
  final double[][] edges;
  final long[][] featureCounts;
  final long[] gradeCounts;

  private PsiReference(List<LocalDate> dates, double[][] edges, long[][] featureCounts,
      long[] gradeCounts) {
    this.dates = dates;
    this.edges = edges;
    this.featureCounts = featureCounts;
    this.gradeCounts = gradeCounts;
  }

  static PsiReference compute(Connection conn, ScoringModel model, int stepMonths,
      LocalDate dataFrom) throws SQLException {
    LocalDate from = model.trainFrom().isBefore(dataFrom) ? dataFrom : model.trainFrom();
    List<LocalDate> all = dev.yocho.training.labels.Labels.monthEnds(from, model.trainTo());
    List<LocalDate> dates = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i -= stepMonths) {
      dates.add(0, all.get(i)); // anchored on the window's last month-end
    }
    FeatureMatrix m = new BatchFeatures().compute(conn, dates);
    int width = m.columns();
    int n = m.rows();
    double[][] edges = new double[width][];
    long[][] counts = new long[width][];
    double[] column = new double[n];
    for (int j = 0; j < width; j++) {
      int k = 0;
      for (int r = 0; r < n; r++) {
        double v = m.value(r, j);
        if (!Double.isNaN(v)) {
          column[k++] = v;
        }
      }
      edges[j] = deciles(Arrays.copyOf(column, k));
      counts[j] = new long[edges[j].length + 2];
    }
    long[] grades = new long[model.scale().gradeCount()];
    for (int r = 0; r < n; r++) {
      double[] x = m.row(r).values();
      for (int j = 0; j < width; j++) {
        counts[j][bin(edges[j], x[j])]++;
      }
      grades[model.scale().gradeNumber(model.pd(m.tier(r), x)) - 1]++;
    }
    return new PsiReference(List.copyOf(dates), edges, counts, grades);
  }

  /** Distinct interior decile cut points of sorted-on-demand {@code values}. */
  static double[] deciles(double[] values) {
    if (values.length == 0) {
      return new double[0];
    }
    Arrays.sort(values);
    double[] cuts = new double[9];
    int k = 0;
    for (int q = 1; q <= 9; q++) {
      double v = values[(int) Math.floor(q / 10.0 * (values.length - 1))];
      if (k == 0 || v > cuts[k - 1]) {
        cuts[k++] = v;
      }
    }
    return Arrays.copyOf(cuts, k);
  }

  /** Bin of a value: the number of cut points below it, or the last bin when missing. */
  static int bin(double[] edges, double v) {
    if (Double.isNaN(v)) {
      return edges.length + 1;
    }
    int lo = 0;
    int hi = edges.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  static List<String> featureNames() {
    return FeatureCatalogue.current().names();
  }
}
