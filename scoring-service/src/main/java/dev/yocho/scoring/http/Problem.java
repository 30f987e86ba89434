package dev.yocho.scoring.http;

import dev.yocho.cli.JsonOut;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail}, {@code
 * instance}, and the extensions {@code code} (stable, from {@link ErrorCode}) and, for a bad
 * parameter, {@code parameter}.
 */
public record Problem(ErrorCode code, String detail, String instance, String parameter) {
  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  public static Problem of(ApiException e, String instance) {
    return new Problem(e.code(), e.getMessage(), instance, e.parameter());
  }

  public int status() {
    return code.status();
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "https://yocho.dev/problems/" + code.code().replace('_', '-'));
    m.put("title", code.title());
    m.put("status", code.status());
    m.put("detail", detail);
    if (instance != null) {
      m.put("instance", instance);
    }
    m.put("code", code.code());
    if (parameter != null) {
      m.put("parameter", parameter);
    }
    return m;
  }

  public String toJson() {
    return JsonOut.toJson(toMap());
  }
}
