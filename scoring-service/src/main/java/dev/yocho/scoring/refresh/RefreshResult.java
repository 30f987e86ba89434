package dev.yocho.scoring.refresh;

import java.time.LocalDate;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a refresh wrote.
 *
 * @param asOf the refreshed date
 * @param modelVersion the bundle that scored it
 * @param firms firms graded (rows in {@code grades})
 * @param firmsByGrade firms per grade, ordered G1 … Gn
 * @param upgrades transitions to a safer grade
 * @param downgrades transitions to a riskier grade
 * @param movesOfTwoOrMore transitions of two or more notches either way
 * @param seconds wall time of the refresh
 */
public record RefreshResult(
    LocalDate asOf,
    String modelVersion,
    int firms,
    SortedMap<String, Integer> firmsByGrade,
    int upgrades,
    int downgrades,
    int movesOfTwoOrMore,
    double seconds) {
  public RefreshResult {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(modelVersion, "modelVersion");
    TreeMap<String, Integer> sorted = new TreeMap<>(RefreshResult::compareGrades);
    sorted.putAll(firmsByGrade);
    firmsByGrade = java.util.Collections.unmodifiableSortedMap(sorted);
    int sum = firmsByGrade.values().stream().mapToInt(Integer::intValue).sum();
    if (sum != firms) {
      throw new IllegalArgumentException("grade counts sum to " + sum + ", not " + firms);
    }
  }

  public int transitions() {
    return upgrades + downgrades;
  }

  static int compareGrades(String a, String b) {
    return Integer.compare(GradeRow.gradeNumber(a), GradeRow.gradeNumber(b));
  }
}
