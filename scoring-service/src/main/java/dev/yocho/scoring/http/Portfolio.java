package dev.yocho.scoring.http;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.scoring.refresh.GradeStore;
import dev.yocho.scoring.refresh.Stability;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/portfolio?as_of=}: a refreshed date's grade distribution (published and raw),
 * its moves, and the stability figures of the year and of the 30 days of refreshes up to it
 * ({@link Stability}, the same figures as {@code refresh --json}).
 */
final class Portfolio {
  private Portfolio() {}

  /** The response body for the refreshed date {@code asOf}. */
  static Map<String, Object> read(Connection connection, LocalDate asOf, MasterScale scale)
      throws SQLException {
    Stability.Distribution grades = Stability.distribution(connection, asOf, scale.gradeCount());
    Stability.Figures figures = Stability.of(connection, asOf, scale.gradeCount());
    List<GradeStore.DayMove> day = GradeStore.transitionsOfDay(connection, asOf, 0,
        Integer.MAX_VALUE);
    long down = day.stream().filter(m -> m.notches() > 0).count();
    long twoOrMore = day.stream().filter(m -> Math.abs(m.notches()) >= 2).count();
    Map<String, Object> moves = new LinkedHashMap<>();
    moves.put("moves", day.size());
    moves.put("upgrades", day.size() - down);
    moves.put("downgrades", down);
    moves.put("moves_of_two_or_more", twoOrMore);
    moves.put("previous_refresh", figures.previousRefresh().map(LocalDate::toString)
        .orElse(null));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("as_of", asOf.toString());
    out.put("master_scale", scale.version());
    out.put("grade_policy", scale.stability().version());
    out.put("firms", grades.firms());
    out.put("grades", grades.published());
    out.put("raw_grades", grades.raw());
    out.put("moves", moves);
    out.put("stability", figures.toJson());
    out.put("stability_30_days", Stability.of(connection, asOf, scale.gradeCount(),
        Stability.SHORT_WINDOW_DAYS).toJson());
    return out;
  }

  /** The OpenAPI schema of the response body. */
  static Map<String, Object> schema() {
    Map<String, Object> integer = Map.of("type", "integer", "format", "int64");
    Map<String, Object> number = Map.of("type", "number", "format", "double");
    Map<String, Object> date = Map.of("type", "string", "format", "date");
    Map<String, Object> byGrade = Map.of("type", "object", "description",
        "firms per grade, G1 (safest) to G10", "additionalProperties", integer);
    Map<String, Object> moves = object(Map.of(
        "moves", integer, "upgrades", integer, "downgrades", integer,
        "moves_of_two_or_more", integer,
        "previous_refresh", Map.of("type", "string", "format", "date", "nullable", true)));
    Map<String, Object> withoutPolicy = object(Map.of(
        "moves", integer, "moves_of_two_or_more", integer, "moves_per_firm_year", number,
        "moves_reversed_within_30_days", integer, "share_reversed_within_30_days", number));
    Map<String, Object> stability = new LinkedHashMap<>();
    stability.put("window_days", integer);
    stability.put("window_from_exclusive", date);
    stability.put("window_to", date);
    stability.put("refreshes", integer);
    stability.put("firm_years", number);
    stability.put("moves", integer);
    stability.put("downgrades", integer);
    stability.put("upgrades", integer);
    stability.put("moves_of_two_or_more", integer);
    stability.put("moves_per_firm_year", number);
    stability.put("moves_reversed_within_30_days", integer);
    stability.put("share_reversed_within_30_days", number);
    stability.put("moves_on_new_fact", integer);
    stability.put("moves_after_sustained_shift", integer);
    stability.put("moves_top_reason_window_edge", integer);
    stability.put("share_top_reason_window_edge", number);
    stability.put("without_policy", withoutPolicy);
    stability.put("migration_from", Map.of("type", "string", "format", "date", "nullable", true));
    stability.put("migration", Map.of("type", "object", "description",
        "firms by grade at migration_from, then by grade at as_of",
        "additionalProperties", byGrade));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("as_of", date);
    props.put("master_scale", Map.of("type", "string"));
    props.put("grade_policy", Map.of("type", "string"));
    props.put("firms", integer);
    props.put("grades", byGrade);
    props.put("raw_grades", byGrade);
    props.put("moves", moves);
    props.put("stability", object(stability));
    props.put("stability_30_days", object(stability));
    return object(props);
  }

  private static Map<String, Object> object(Map<String, Object> properties) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("type", "object");
    o.put("required", List.copyOf(new java.util.TreeSet<>(properties.keySet())));
    o.put("properties", properties);
    return o;
  }
}
