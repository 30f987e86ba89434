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
  /** Epoch days of grade_since and outside_since, {@link #NONE} when NULL. */
  private final int[] gradeSince;
  private final int[] outsideSince;

  /** An absent date in {@link #gradeSince}/{@link #outsideSince}. */
  static final int NONE = Integer.MIN_VALUE;

  /**
   * @param firms firm ids, strictly increasing
   * @param kinds per firm, an index into {@code kindList}
   */
  DayGrades(LocalDate day, long[] firms, double[] pds, int[] kinds, List<Kind> kindList,
      int[] gradeSince, int[] outsideSince) {
    this.day = Objects.requireNonNull(day, "day");
    if (pds.length != firms.length || kinds.length != firms.length
        || gradeSince.length != firms.length || outsideSince.length != firms.length) {
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
    this.gradeSince = gradeSince;
    this.outsideSince = outsideSince;
  }

  /** No grades (no earlier refresh); {@code day} is then only a placeholder. */
  static DayGrades none(LocalDate day) {
    return new DayGrades(day, new long[0], new double[0], new int[0], List.of(), new int[0],
        new int[0]);
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

  /** The PD at position {@code i}. */
  public double pd(int i) {
    return pds[i];
  }

  /**
   * The refresh that set the published grade at position {@code i}: its stored {@code
   * grade_since}, or this day for a row written before the grade policy.
   */
  public LocalDate gradeSince(int i) {
    return gradeSince[i] == NONE ? day : LocalDate.ofEpochDay(gradeSince[i]);
  }

  /** The first refresh of the unbroken run outside the band at position {@code i}, or null. */
  public LocalDate outsideSince(int i) {
    return outsideSince[i] == NONE ? null : LocalDate.ofEpochDay(outsideSince[i]);
  }

  /** The policy's view of position {@code i}. */
  GradePolicy.Previous policyState(int i) {
    return new GradePolicy.Previous(day, gradeNumber(i), pds[i], gradeSince(i), outsideSince(i));
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
