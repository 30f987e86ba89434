package dev.yocho.scoring.http;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API's route table: what {@link ApiServer} registers and {@link OpenApi} documents, so the two
 * cannot drift apart.
 */
public final class ApiRoutes {
  /** A query or path parameter. {@code type} is an OpenAPI schema type; {@code format} may be null. */
  public record Param(String name, String in, boolean required, String type, String format,
      List<String> values, String description) {
    public Param {
      Objects.requireNonNull(name, "name");
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  /**
   * One endpoint.
   *
   * @param id the handler's name in {@link ApiServer}
   * @param role null for a public route
   * @param audited whether each call is written to {@code audit_log}
   * @param body the JSON body's schema for a POST (null for none)
   */
  public record Route(String id, String method, String path, Role role, boolean audited,
      String summary, List<Param> params, String body, List<Integer> statuses) {
    public Route {
      params = List.copyOf(params);
      statuses = List.copyOf(statuses);
    }

    /** The query parameters it takes. */
    public Set<String> queryNames() {
      return params.stream().filter(p -> p.in().equals("query")).map(Param::name)
          .collect(Collectors.toUnmodifiableSet());
    }

    /** {@code METHOD path}, e.g. {@code GET /api/v1/firms/{id}}. */
    public String key() {
      return method + " " + path;
    }

    /** The path in Javalin's syntax ({@code {id}} is the same in both). */
    public String javalinPath() {
      return path;
    }
  }

  private static final Param ID = new Param("id", "path", true, "integer", "int64", null,
      "firm id");
  private static final Param LANG = new Param("lang", "query", false, "string", null,
      List.of("ja", "en"), "language of labels and reasons (default ja)");

  private static Param date(String name, boolean required, String description) {
    return new Param(name, "query", required, "string", "date", null, description);
  }

  public static final List<Route> ALL = List.of(
      new Route("firm", "GET", "/api/v1/firms/{id}", Role.VIEWER, true,
          "A firm's profile with its latest grade, PD, data tier and model version",
          List.of(ID), null, List.of(200, 400, 401, 404)),
      new Route("grades", "GET", "/api/v1/firms/{id}/grades", Role.VIEWER, true,
          "A firm's grade history between two dates (inclusive; at most 10 years)",
          List.of(ID, date("from", false, "first date (default: a year before 'to')"),
              date("to", false, "last date (default: the latest refresh)")),
          null, List.of(200, 400, 401, 404)),
      new Route("score", "GET", "/api/v1/firms/{id}/score", Role.VIEWER, true,
          "A firm's PD and grade on a refreshed date with the largest TreeSHAP contributions"
              + " (log-odds)",
          List.of(ID, date("as_of", false, "a refreshed date (default: the latest)"), LANG),
          null, List.of(200, 400, 401, 404)),
      new Route("explain", "GET", "/api/v1/firms/{id}/explain", Role.VIEWER, true,
          "Why a firm's grade moved between two dates: the stored explanation of a refresh's"
              + " transition, or one computed on demand",
          List.of(ID, date("from", true, "earlier date"), date("to", true, "later date"), LANG),
          null, List.of(200, 400, 401, 404)),
      new Route("transitions", "GET", "/api/v1/transitions", Role.VIEWER, true,
          "A refresh date's grade moves, largest first, paged",
          List.of(date("as_of", false, "a refreshed date (default: the latest)"),
              new Param("direction", "query", false, "string", null, List.of("up", "down", "both"),
                  "which moves (default both)"),
              new Param("min_notches", "query", false, "integer", "int32", null,
                  "smallest move in notches, 1..9 (default 1)"),
              new Param("limit", "query", false, "integer", "int32", null,
                  "moves per page, 1..1000 (default 100)"),
              new Param("cursor", "query", false, "string", null, null,
                  "next_cursor of the previous page")),
          null, List.of(200, 400, 401, 404)),
      new Route("portfolio", "GET", "/api/v1/portfolio", Role.VIEWER, true,
          "A refreshed date's grade distribution, its moves and the grades' stability over the"
              + " year of refreshes up to it (moves per firm-year, reversals within 30 days,"
              + " migration matrix, moves whose top reason is a window edge)",
          List.of(date("as_of", false, "a refreshed date (default: the latest)")), null,
          List.of(200, 400, 401, 404)),
      new Route("refresh", "POST", "/api/v1/refresh", Role.OPERATOR, false,
          "Runs the daily refresh of a date inside the service (operator); readers see the"
              + " previous state until it commits",
          List.of(), "{\"as_of\": \"YYYY-MM-DD\"}",
          List.of(200, 400, 401, 403, 408, 409, 413, 415, 503)),
      new Route("models", "GET", "/api/v1/models", Role.VIEWER, false,
          "The model bundles in the models root and the one serving", List.of(), null,
          List.of(200, 401)),
      new Route("metrics", "GET", "/metrics", Role.VIEWER, false,
          "Prometheus metrics: requests, latencies, refresh durations, firms per grade",
          List.of(), null, List.of(200, 401)),
      new Route("health", "GET", "/health", null, false, "Liveness (no key)", List.of(), null,
          List.of(200)),
      new Route("openapi", "GET", "/openapi.json", null, false, "This document (no key)",
          List.of(), null, List.of(200)));

  private ApiRoutes() {}
}
