package dev.yocho.scoring.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAPI 3 document of {@link ApiRoutes#ALL}. */
public final class OpenApi {
  private OpenApi() {}

  public static Map<String, Object> document(List<ApiRoutes.Route> routes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.3");
    doc.put("info", Map.of("title", "yocho", "version", "1",
        "description", "Daily PD grades of small firms, their moves and exact explanations."
            + " Errors are application/problem+json (RFC 9457) with a stable 'code'."));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (ApiRoutes.Route r : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(r.path(), p -> new LinkedHashMap<>());
      Map<String, Object> op = new LinkedHashMap<>();
      op.put("operationId", r.id());
      op.put("summary", r.summary());
      if (r.role() == null) {
        op.put("security", List.of());
      } else {
        op.put("x-role", r.role().code());
      }
      List<Map<String, Object>> params = new ArrayList<>();
      for (ApiRoutes.Param p : r.params()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("in", p.in());
        m.put("required", p.required());
        m.put("description", p.description());
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", p.type());
        if (p.format() != null) {
          schema.put("format", p.format());
        }
        if (!p.values().isEmpty()) {
          schema.put("enum", p.values());
        }
        m.put("schema", schema);
        params.add(m);
      }
      if (!params.isEmpty()) {
        op.put("parameters", params);
      }
      if (r.body() != null) {
        op.put("requestBody", Map.of("required", true, "description", r.body(), "content",
            Map.of("application/json", Map.of("schema", Map.of("type", "object",
                "required", List.of("as_of"), "additionalProperties", false,
                "properties", Map.of("as_of", Map.of("type", "string", "format", "date")))))));
      }
      Map<String, Object> responses = new LinkedHashMap<>();
      for (int status : r.statuses()) {
        if (status == 200 && r.id().equals("portfolio")) {
          responses.put("200", Map.of("description", "OK", "content", Map.of("application/json",
              Map.of("schema", Map.of("$ref", "#/components/schemas/Portfolio")))));
        } else if (status == 200) {
          responses.put("200", Map.of("description", "OK", "content",
              Map.of(r.id().equals("metrics") ? "text/plain" : "application/json",
                  Map.of("schema", Map.of("type", r.id().equals("metrics") ? "string" : "object")))));
        } else {
          responses.put(Integer.toString(status), Map.of("description",
              ErrorCode.forStatus(status).title(), "content",
              Map.of(Problem.MEDIA_TYPE, Map.of("schema",
                  Map.of("$ref", "#/components/schemas/Problem")))));
        }
      }
      op.put("responses", responses);
      item.put(r.method().toLowerCase(java.util.Locale.ROOT), op);
    }
    doc.put("paths", paths);
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "object");
    problem.put("required", List.of("type", "title", "status", "detail", "code"));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("type", Map.of("type", "string", "format", "uri"));
    props.put("title", Map.of("type", "string"));
    props.put("status", Map.of("type", "integer"));
    props.put("detail", Map.of("type", "string"));
    props.put("instance", Map.of("type", "string"));
    List<String> codes = new ArrayList<>();
    for (ErrorCode c : ErrorCode.values()) {
      codes.add(c.code());
    }
    props.put("code", Map.of("type", "string", "enum", codes));
    props.put("parameter", Map.of("type", "string"));
    problem.put("properties", props);
    doc.put("components", Map.of(
        "schemas", Map.of("Problem", problem, "Portfolio", Portfolio.schema()),
        "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
    doc.put("security", List.of(Map.of("bearer", List.of())));
    return doc;
  }
}
