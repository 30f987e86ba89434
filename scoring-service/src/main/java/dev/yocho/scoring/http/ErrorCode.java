package dev.yocho.scoring.http;

/**
 * The stable error codes of the API. Clients switch on {@link #code()}; the HTTP status follows the
 * code, never the place that raised it.
 */
public enum ErrorCode {
  BAD_PARAMETER(400, "Bad parameter"),
  BAD_BODY(400, "Bad request body"),
  BAD_REQUEST(400, "Bad request"),
  UNAUTHENTICATED(401, "Missing or invalid API key"),
  FORBIDDEN(403, "The API key's role does not allow this"),
  FIRM_NOT_FOUND(404, "Unknown firm"),
  DATE_NOT_FOUND(404, "No grade for that date"),
  ROUTE_NOT_FOUND(404, "No such endpoint"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  REQUEST_TIMEOUT(408, "Request body too slow"),
  REFRESH_RUNNING(409, "A refresh is already running"),
  BODY_TOO_LARGE(413, "Request body too large"),
  URI_TOO_LONG(414, "Request URI too long"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  HEADERS_TOO_LARGE(431, "Request headers too large"),
  INTERNAL(500, "Internal error"),
  UNAVAILABLE(503, "Service unavailable");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The code as clients see it, e.g. {@code bad_parameter}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The code for a status that the server or Jetty produced without one of ours. */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> ROUTE_NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 408 -> REQUEST_TIMEOUT;
      case 409 -> REFRESH_RUNNING;
      case 413 -> BODY_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 431 -> HEADERS_TOO_LARGE;
      case 503 -> UNAVAILABLE;
      default -> status >= 500 ? INTERNAL : BAD_REQUEST;
    };
  }
}
