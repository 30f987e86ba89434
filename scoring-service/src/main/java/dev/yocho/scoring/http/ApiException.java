package dev.yocho.scoring.http;

import java.util.Objects;

/**
 * A request the API refuses, with its stable code, a one-line detail for the client and, for a bad
 * parameter, the parameter's name. Never carries internals: messages are written for clients.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String parameter;

  public ApiException(ErrorCode code, String detail) {
    this(code, detail, null);
  }

  public ApiException(ErrorCode code, String detail, String parameter) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.code = Objects.requireNonNull(code, "code");
    this.parameter = parameter;
  }

  /** A bad query, path or body parameter {@code name}. */
  public static ApiException badParameter(String name, String detail) {
    return new ApiException(ErrorCode.BAD_PARAMETER, detail, name);
  }

  public ErrorCode code() {
    return code;
  }

  /** The bad parameter's name, or null. */
  public String parameter() {
    return parameter;
  }
}
