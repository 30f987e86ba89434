package dev.yocho.features;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The feature contract, runnable against any universe in the observable schema (the test universe
 * here, the synthetic generator's from datasets-synthetic): on random (firm, as-of) pairs the batch
 * path, the single-firm path and {@link ReferenceFeatures} agree within {@link #TOLERANCE}, with
 * identical missing markers and tiers, and the batch live set equals the reference live set.
 *
 * <p>As-of dates are half uniform over the data window and half chosen on the edges of the facts
 * (a statement's arrival, an event's report, an inquiry, a default, plus or minus the window
 * lengths), where off-by-one errors live.
 */
public final class FeatureContract {
  /** Largest absolute difference accepted between two implementations. */
  public static final double TOLERANCE = 1e-9;

  private static final int DATES_PER_BATCH = 8;
  private static final int[] EDGE_OFFSETS = {0, 1, -1, 29, 30, 89, 90, 274, 275, 364, 365, 366};

  private FeatureContract() {}

  /** What a run compared. */
  public record Report(int pairs, int dates, int fullTier, int thinTier, long valuesCompared,
      int[] nonMissingPerFeature, int[] distinctValuesPerFeature) {}

  /**
   * Runs the contract on {@code pairs} (firm, as-of) pairs drawn with {@code seed}; throws {@link
   * AssertionError} listing the first disagreements.
   */
  public static Report check(Connection connection, int pairs, long seed) throws SQLException {
    checkUniqueVersions(connection);
    ReferenceFeatures reference = ReferenceFeatures.load(connection);
    DataWindow window = DataWindow.read(connection);
    SplittableRandom random = new SplittableRandom(seed);
    List<LocalDate> dates = drawDates(connection, window, Math.max(20, pairs / 25), random);

    List<String> failures = new ArrayList<>();
    BatchFeatures batchFeatures = new BatchFeatures();
    LocalDate probe = dates.get(random.nextInt(dates.size()));
    int perDate = (pairs + dates.size() - 1) / dates.size();
    List<FeatureVector> sampled = new ArrayList<>();
    // the many-date API, a few dates at a time so that large universes stay within memory
    for (int from = 0; from < dates.size(); from += DATES_PER_BATCH) {
      List<LocalDate> chunk = dates.subList(from, Math.min(dates.size(), from + DATES_PER_BATCH));
      FeatureMatrix batch = batchFeatures.compute(connection, chunk);
      int row = 0;
      for (LocalDate d : chunk) {
        // live sets: the batch has exactly the reference's live firms on every date
        List<Long> expected = reference.liveFirms(d);
        List<Long> actual = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        while (row < batch.rows() && batch.asOf(row).equals(d)) {
          actual.add(batch.firmId(row));
          rows.add(row);
          row++;
        }
        if (!actual.equals(expected)) {
          failures.add("live firms on " + d + ": batch has " + actual.size() + ", reference "
              + expected.size() + " (" + firstDifference(actual, expected) + ")");
        }
        Collections.shuffle(rows, new java.util.Random(random.nextLong()));
        for (int k = 0; k < Math.min(perDate, rows.size()); k++) {
          sampled.add(batch.row(rows.get(k)));
        }
        if (d.equals(probe)) {
          // the one-date API equals the many-date API
          FeatureMatrix single = batchFeatures.compute(connection, probe);
          if (single.rows() != rows.size()) {
            failures.add("one-date batch on " + probe + " has " + single.rows() + " rows, the"
                + " many-date batch " + rows.size());
          }
          for (int i = 0; i < single.rows(); i++) {
            int j = batch.find(single.firmId(i), probe);
            if (j < 0) {
              failures.add("firm " + single.firmId(i) + " on " + probe
                  + " missing from the many-date batch");
            } else {
              compare("one-date batch", single.row(i), "many-date batch", batch.row(j), failures);
            }
          }
        }
      }
      if (row != batch.rows()) {
        failures.add("batch returned rows for dates not asked for");
      }
    }

    Collections.shuffle(sampled, new java.util.Random(random.nextLong()));
    int n = Math.min(pairs, sampled.size());
    if (n < pairs) {
      failures.add("only " + sampled.size() + " live (firm, date) rows sampled for " + pairs
          + " pairs");
    }
    SingleFirmFeatures singleFirm = new SingleFirmFeatures();
    // the same path with every firm's facts held in memory (the HTTP service's), and its
    // histories: one read of a firm's facts for features at two dates (an explanation's)
    SingleFirmFeatures inMemory = new SingleFirmFeatures();
    if (!inMemory.preload(connection, Long.MAX_VALUE)) {
      failures.add("preload refused with no row limit");
    }
    if (new SingleFirmFeatures().preload(connection, 0)) {
      failures.add("preload ignored its row limit");
    }
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    int[] nonMissing = new int[catalogue.size()];
    List<TreeSet<Double>> distinct = new ArrayList<>();
    for (int j = 0; j < catalogue.size(); j++) {
      distinct.add(new TreeSet<>());
    }
    int full = 0;
    long compared = 0;
    for (int k = 0; k < n; k++) {
      FeatureVector fromBatch = sampled.get(k);
      long firm = fromBatch.firmId();
      LocalDate d = fromBatch.asOf();
      FeatureVector fromJava = singleFirm.compute(connection, firm, d);
      // exactly equal (bit for bit), not merely within the tolerance: the same rows in the same
      // order, whether read per firm or all at once, and whatever other date the history served
      FeatureVector fromMemory = inMemory.compute(connection, firm, d);
      if (!fromMemory.equals(fromJava)) {
        failures.add("firm " + firm + " as of " + d + ": in-memory path differs from the"
            + " per-firm queries");
      }
      FeatureVector other = sampled.get((k + 1) % sampled.size());
      for (SingleFirmFeatures path : k % 5 == 0 ? List.of(singleFirm, inMemory)
          : List.<SingleFirmFeatures>of()) {
        SingleFirmFeatures.History history = path.history(connection, firm);
        try {
          history.at(other.asOf()); // another date first: it must not change what d gets
        } catch (IllegalArgumentException notLiveOrOutside) {
          // the firm was not live then, or the date is outside the data: fine for this check
        }
        if (!history.at(d).equals(fromJava)) {
          failures.add("firm " + firm + " as of " + d + ": history path differs");
        }
      }
      FeatureVector fromReference = reference.compute(firm, d);
      compare("reference", fromReference, "batch", fromBatch, failures);
      compare("reference", fromReference, "single-firm", fromJava, failures);
      compared += 2L * catalogue.size();
      if (fromReference.tier() == dev.yocho.features.compute.Tier.FULL) {
        full++;
      }
      for (int j = 0; j < catalogue.size(); j++) {
        double v = fromReference.value(j);
        if (!Double.isNaN(v)) {
          nonMissing[j]++;
          if (distinct.get(j).size() < 3) {
            distinct.get(j).add(v);
          }
        }
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError(failures.size() + " disagreements; first ones:\n  "
          + String.join("\n  ", failures.subList(0, Math.min(25, failures.size()))));
    }
    int[] distinctCounts = distinct.stream().mapToInt(TreeSet::size).toArray();
    return new Report(n, dates.size(), full, n - full, compared, nonMissing, distinctCounts);
  }

  private static void compare(String leftName, FeatureVector left, String rightName,
      FeatureVector right, List<String> failures) {
    String where = "firm " + left.firmId() + " as of " + left.asOf() + ": ";
    if (left.tier() != right.tier()) {
      failures.add(where + "tier " + leftName + "=" + left.tier() + " " + rightName + "="
          + right.tier());
    }
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    for (int j = 0; j < catalogue.size(); j++) {
      double a = left.value(j);
      double b = right.value(j);
      boolean agree = Double.isNaN(a) ? Double.isNaN(b)
          : !Double.isNaN(b) && Math.abs(a - b) <= TOLERANCE;
      if (!agree) {
        failures.add(where + catalogue.get(j).name() + " " + leftName + "=" + a + " " + rightName
            + "=" + b);
      }
    }
  }

  private static String firstDifference(List<Long> a, List<Long> b) {
    TreeSet<Long> onlyA = new TreeSet<>(a);
    onlyA.removeAll(b);
    TreeSet<Long> onlyB = new TreeSet<>(b);
    onlyB.removeAll(a);
    return "only batch " + (onlyA.isEmpty() ? "-" : onlyA.first()) + ", only reference "
        + (onlyB.isEmpty() ? "-" : onlyB.first());
  }

  /** Half uniform dates, half fact dates shifted by window edges; all inside the window. */
  private static List<LocalDate> drawDates(
      Connection connection, DataWindow window, int count, SplittableRandom random)
      throws SQLException {
    List<LocalDate> factDates = new ArrayList<>();
    String sql = "SELECT DISTINCT d FROM ("
        + " SELECT available_at AS d FROM statements UNION ALL SELECT period_end FROM statements"
        + " UNION ALL SELECT reported_on FROM events UNION ALL SELECT day FROM inquiries"
        + " UNION ALL SELECT available_at FROM monthly_trial_balances"
        + " UNION ALL SELECT applied_on FROM guarantee_applications"
        + " UNION ALL SELECT default_on FROM defaults UNION ALL SELECT closed_on FROM closures"
        + " UNION ALL SELECT founded_on FROM firms) ORDER BY d";
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        factDates.add(rs.getDate(1).toLocalDate());
      }
    }
    long span = window.to().toEpochDay() - window.from().toEpochDay();
    TreeSet<LocalDate> dates = new TreeSet<>();
    dates.add(window.from());
    dates.add(window.to());
    int attempts = 0;
    while (dates.size() < count && attempts++ < count * 20) {
      LocalDate d;
      if (factDates.isEmpty() || random.nextBoolean()) {
        d = window.from().plusDays(random.nextLong(span + 1));
      } else {
        d = factDates.get(random.nextInt(factDates.size()))
            .plusDays(EDGE_OFFSETS[random.nextInt(EDGE_OFFSETS.length)]);
      }
      if (window.contains(d)) {
        dates.add(d);
      }
    }
    return List.copyOf(dates);
  }

  /** The contract assumes one version per (firm, period, available_at); say so if violated. */
  private static void checkUniqueVersions(Connection connection) throws SQLException {
    String[] checks = {
        "SELECT count(*) FROM (SELECT firm_id, period_end, available_at FROM statements"
            + " GROUP BY ALL HAVING count(*) > 1)",
        "SELECT count(*) FROM (SELECT firm_id, year(month), month(month), available_at"
            + " FROM monthly_trial_balances GROUP BY ALL HAVING count(*) > 1)"};
    try (Statement st = connection.createStatement()) {
      for (String sql : checks) {
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          if (rs.getLong(1) > 0) {
            throw new AssertionError("universe has duplicate versions (" + rs.getLong(1)
                + " groups): " + sql);
          }
        }
      }
    }
  }
}
