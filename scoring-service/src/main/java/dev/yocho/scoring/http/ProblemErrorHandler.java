package dev.yocho.scoring.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own errors — a request it could not parse (400), headers or URI too large (431, 414), an
 * ambiguous path — as problem+json like every other error, instead of Jetty's HTML page. Never
 * includes the cause: the status's fixed text only.
 */
final class ProblemErrorHandler extends ErrorHandler {
  ProblemErrorHandler() {
    setShowStacks(false);
    setShowServlet(false);
    setShowMessageInTitle(false);
  }

  /** Every method gets an error body (Jetty's default: GET, POST and HEAD only). */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    return ByteBuffer.wrap(body(status, null).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    baseRequest.setHandled(true);
    int status = response.getStatus();
    if (status < 400) {
      status = 500;
      response.setStatus(status);
    }
    response.setContentType(Problem.MEDIA_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.setCharacterEncoding("UTF-8");
    if (!"HEAD".equals(request.getMethod())) {
      byte[] body = body(status, target).getBytes(StandardCharsets.UTF_8);
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  static String body(int status, String instance) {
    ErrorCode code = ErrorCode.forStatus(status);
    String detail = switch (code) {
      case URI_TOO_LONG -> "the request URI is too long";
      case HEADERS_TOO_LARGE -> "the request headers are too large";
      case BODY_TOO_LARGE -> "the request body is too large";
      case INTERNAL -> "internal error";
      default -> "the request is malformed (HTTP " + status + ")";
    };
    java.util.Map<String, Object> m = new Problem(code, detail,
        instance == null ? null : Params.clip(instance), null).toMap();
    m.put("status", status);
    return dev.yocho.cli.JsonOut.toJson(m);
  }
}
