package dev.yocho.scoring.refresh;

import dev.yocho.features.compute.Tier;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every grade of one refreshed day, held as columns (firm ids in order, PDs, and an index into the
 * day's few distinct (model version, tier, grade) kinds) rather than as a million {@link GradeRow}s
 * with three strings each: reading those strings cost the refresh 2.5 s a day on 1.2M firms.
 * {@link #row} builds the full row of the few firms that moved.
 */
public final class DayGrades {
  /** One distinct (model version, tier, grade) of the day. */
  record Kind(String modelVersion, Tier tier, String grade, int gradeNumber) {}

  private final LocalDate day;
  private final long[] firms;
  private final double[] pds;
  private final int[] kinds;
  private final List<Kind> kindList;

  /**
   * @param firms firm ids, strictly increasing
   * @param kinds per firm, an index into {@code kindList}
   */
  DayGrades(LocalDate day, long[] firms, double[] pds, int[] kinds, List<Kind> kindList) {
    this.day = Objects.requireNonNull(day, "day");
    if (pds.length != firms.length || kinds.length != firms.length) {
      throw new IllegalArgumentException("columns of different lengths");
    }
    for (int i = 1; i < firms.length; i++) {
      if (firms[i] <= firms[i - 1]) {
        throw new IllegalArgumentException("firm ids not strictly increasing at " + firms[i]);
      }
    }
    this.firms = firms;
    this.pds = pds;
    this.kinds = kinds;
    this.kindList = List.copyOf(kindList);
  }

  /** No grades (no earlier refresh); {@code day} is then only a placeholder. */
  static DayGrades none(LocalDate day) {
    return new DayGrades(day, new long[0], new double[0], new int[0], List.of());
  }

  public LocalDate day() {
    return day;
  }

  public int size() {
    return firms.length;
  }

  /** The position of {@code firmId}, or -1 if the day did not grade it. */
  public int indexOf(long firmId) {
    int i = Arrays.binarySearch(firms, firmId);
    return i >= 0 ? i : -1;
  }

  /** The grade number ({@code G<n>}'s n) at position {@code i}. */
  public int gradeNumber(int i) {
    return kindList.get(kinds[i]).gradeNumber();
  }

  /** The grade label at position {@code i}. */
  public String grade(int i) {
    return kindList.get(kinds[i]).grade();
  }

  /** The whole row at position {@code i}. */
  public GradeRow row(int i) {
    Kind k = kindList.get(kinds[i]);
    return new GradeRow(day, firms[i], k.modelVersion(), k.tier(), pds[i], k.grade());
  }

  /** Every row, by firm id (for tests and small days). */
  public List<GradeRow> rows() {
    GradeRow[] out = new GradeRow[firms.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = row(i);
    }
    return List.of(out);
  }
}
