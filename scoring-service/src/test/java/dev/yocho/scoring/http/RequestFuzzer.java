package dev.yocho.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random and malformed requests: well-formed HTTP with hostile paths, parameters, methods, bodies
 * and headers through {@link java.net.http.HttpClient}, and raw bytes on a socket for what a
 * client library refuses to send (bad percent-encoding, control characters, oversized headers,
 * broken request lines). Seeded: a failure names the request that caused it and reproduces.
 */
final class RequestFuzzer {
  private final ApiFixture api;
  private final Random random;
  private final String firm;

  static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH",
      "HEAD", "OPTIONS", "TRACE", "FOO"};
  static final String[] PATHS = {"/api/v1/firms/{id}", "/api/v1/firms/{id}/grades",
      "/api/v1/firms/{id}/score", "/api/v1/firms/{id}/explain", "/api/v1/transitions",
      "/api/v1/refresh", "/api/v1/models", "/health", "/metrics", "/openapi.json", "/",
      "/api", "/api/v1", "/api/v1/firms", "/api/v1/firms/{id}/nothing", "/api/v2/transitions",
      "/API/V1/TRANSITIONS", "/api/v1/transitions/", "//api/v1/models", "/api/v1/./models",
      "/api/v1/firms/{id}/explain/", "/health/..", "/static/../../etc/passwd"};
  static final String[] PARAMS = {"from", "to", "as_of", "lang", "direction", "min_notches",
      "limit", "cursor", "id", "x", "LIMIT", "from[]", "", "as_of.", "callback"};
  static final String[] VALUES = {"", "2025-02-28", "2025-01-31", "2024-06-30", "2025-02-30",
      "2025-13-01", "0000-01-01", "9999-12-31", "2099-01-01", "1900-01-01", "20250228",
      "2025-2-28", "ja", "en", "fr", "JA", "up", "down", "both", "UP", "0", "1", "2", "9", "10",
      "1000", "1001", "-1", "2147483648", "99999999999999999999", "1e3", "NaN", "null", "true",
      "'; DROP TABLE grades; --", "1 OR 1=1", "<script>alert(1)</script>", "日本語", "\u0000",
      "\n", "%", "a".repeat(300), "djF8MjAyNS0wMi0yOHwwfDF8MXwwfDE", "djF8eA", "!!!",
      "../../etc/passwd", " 2025-02-28", "2025-02-28 "};
  static final String[] IDS = {"{firm}", "{firm}", "1", "0", "-1", "99999999", "123456789012345678",
      "1234567890123456789", "abc", "1.5", "1e3", "%20", "%F0%9F%98%80", "0x10", "+7", "007",
      "%2E%2E", "null"};
  static final String[] CONTENT_TYPES = {null, "application/json", "application/json",
      "application/json; charset=utf-8", "text/plain", "application/xml",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx",
      "APPLICATION/JSON", "*/*", ";;;", "application/problem+json"};
  static final String[] BODIES = {"", "{}", "[]", "null", "{\"as_of\":\"2025-02-30\"}",
      "{\"as_of\":2025}", "{\"as_of\":\"2031-01-01\"}", "{\"as_of\":\"x\",\"y\":1}", "{\"as_of\":",
      "\u0000\u0001\u0002", "{\"as_of\":[\"2025-02-28\"]}", "{\"as_of\":null}", "{{{{", "\"str\"",
      "{\"AS_OF\":\"2025-02-28\"}", "{\"as_of\":\"1999-01-01\"}"};

  RequestFuzzer(ApiFixture api, long seed, String firm) {
    this.api = api;
    this.random = new Random(seed);
    this.firm = firm;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private String id() {
    return pick(IDS).replace("{firm}", firm);
  }

  private String auth() {
    return switch (random.nextInt(8)) {
      case 0 -> null;
      case 1 -> "Bearer " + api.operator;
      case 2 -> "Bearer yk_wrong";
      case 3 -> "Bearer ";
      case 4 -> "Basic dXNlcjpwYXNz";
      case 5 -> "Bearer " + "k".repeat(random.nextInt(2000));
      default -> "Bearer " + api.viewer;
    };
  }

  private String body() {
    int kind = random.nextInt(6);
    if (kind == 0) {
      return "x".repeat(random.nextInt(10000));
    }
    if (kind == 1) {
      byte[] b = new byte[random.nextInt(200)];
      random.nextBytes(b);
      return new String(b, StandardCharsets.ISO_8859_1);
    }
    return pick(BODIES);
  }

  /** A path and query a client library will send (valid URI syntax). */
  private String target() {
    StringBuilder t = new StringBuilder(pick(PATHS).replace("{id}", id()));
    if (random.nextInt(6) == 0) {
      t.append("/").append("seg".repeat(random.nextInt(50)));
    }
    int params = random.nextInt(5);
    for (int i = 0; i < params; i++) {
      t.append(i == 0 ? '?' : '&');
      t.append(URLEncoder.encode(pick(PARAMS), StandardCharsets.UTF_8));
      if (random.nextInt(8) != 0) {
        t.append('=').append(URLEncoder.encode(pick(VALUES), StandardCharsets.UTF_8));
      }
    }
    return t.toString();
  }

  /** One request through the HTTP client; returns a description on a failed expectation. */
  void clientRequest() throws Exception {
    String method = pick(METHODS);
    String target = target();
    String body = method.equals("GET") && random.nextInt(4) != 0 || method.equals("HEAD")
        ? null : body();
    HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(target))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.ISO_8859_1));
    String auth = auth();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    String type = pick(CONTENT_TYPES);
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (random.nextInt(4) == 0) {
      b.header("Accept", random.nextBoolean() ? "text/html" : "application/xml;q=0.1, */*");
    }
    if (random.nextInt(5) == 0) {
      b.header("X-Fuzz", "v".repeat(random.nextInt(3000)));
    }
    ApiFixture.Reply r = api.send(b.build());
    check(method, method + " " + target + " body=" + (body == null ? "none" : body.length()),
        r);
  }

  /** One raw request on a socket, often malformed below the level a client library allows. */
  void rawRequest() throws Exception {
    String method = random.nextInt(10) == 0 ? "G\u0001T" : pick(METHODS);
    String target = switch (random.nextInt(8)) {
      case 0 -> "/api/v1/firms/%ZZ";
      case 1 -> "/api/v1/firms/1?from=%E0%A4%A&to=%";
      case 2 -> "/api/v1/transitions?limit=1\u0007";
      case 3 -> "/" + "a".repeat(random.nextInt(20000));
      case 4 -> "*";
      case 5 -> "http://127.0.0.1/api/v1/models";
      case 6 -> "/api/v1/firms/%2F..%2F/score";
      default -> target();
    };
    String version = switch (random.nextInt(10)) {
      case 0 -> "HTTP/1.0";
      case 1 -> "HTTP/1.x";
      case 2 -> "";
      default -> "HTTP/1.1";
    };
    StringBuilder req = new StringBuilder();
    req.append(method).append(' ').append(target).append(version.isEmpty() ? "" : " " + version)
        .append("\r\n");
    req.append("Host: 127.0.0.1\r\n");
    String auth = auth();
    if (auth != null) {
      req.append("Authorization: ").append(auth).append("\r\n");
    }
    switch (random.nextInt(8)) {
      case 0 -> req.append("Bad Header Line Without Colon\r\n");
      case 1 -> req.append("X-Big: ").append("b".repeat(random.nextInt(20000))).append("\r\n");
      case 2 -> req.append("X-Ctl: a\u0001b\r\n");
      case 3 -> req.append("Content-Length: -5\r\n");
      case 4 -> req.append("Transfer-Encoding: gzip\r\n");
      default -> { }
    }
    String type = pick(CONTENT_TYPES);
    if (type != null) {
      req.append("Content-Type: ").append(type).append("\r\n");
    }
    String body = random.nextBoolean() ? "" : body();
    byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
    if (bodyBytes.length > 0 || random.nextBoolean()) {
      req.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
    }
    req.append("Connection: close\r\n\r\n");
    byte[] head = req.toString().getBytes(StandardCharsets.UTF_8);
    String described = "raw " + Params.clip(req.toString().replace("\r\n", " ⏎ "));
    try (Socket s = new Socket("127.0.0.1", api.server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(head);
        out.write(bodyBytes);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before reading everything (e.g. 431): read what it said
      }
      byte[] all = readAll(s.getInputStream());
      ApiFixture.Reply r = parse(all, described);
      if (r == null) {
        return; // the server closed without answering: no error document to check
      }
      check(method, described, r);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        b.write(buf, 0, n);
      }
    } catch (java.net.SocketException e) {
      // connection reset after the response: keep what arrived
    }
    return b.toByteArray();
  }

  static ApiFixture.Reply parse(byte[] all, String described) {
    String text = new String(all, StandardCharsets.UTF_8);
    if (text.isEmpty()) {
      return null;
    }
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("incomplete response to " + described + ": " + Params.clip(text))
        .isPositive();
    String[] lines = text.substring(0, end).split("\r\n");
    assertThat(lines[0]).as(described).matches("HTTP/1\\.[01] \\d{3}.*");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    String type = "";
    boolean chunked = false;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-type:")) {
        type = line.substring(13).strip();
      }
      if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    String body = text.substring(end + 4);
    if (chunked) {
      StringBuilder b = new StringBuilder();
      int i = 0;
      while (true) {
        int nl = body.indexOf("\r\n", i);
        int size = Integer.parseInt(body.substring(i, nl).strip(), 16);
        if (size == 0) {
          break;
        }
        b.append(body, nl + 2, nl + 2 + size);
        i = nl + 2 + size + 2;
      }
      body = b.toString();
    }
    return new ApiFixture.Reply(status, type, body);
  }

  static void check(String method, String described, ApiFixture.Reply r) throws Exception {
    assertThat(r.status()).as("no 5xx for " + described + ": " + r.body()).isLessThan(500);
    if (r.status() >= 400 && !method.equals("HEAD")) {
      try {
        ApiFixture.assertWellFormedProblem(r);
      } catch (AssertionError | Exception e) {
        throw new AssertionError("malformed error for " + described + ": " + r.status() + " "
            + r.contentType() + " " + Params.clip(r.body()), e);
      }
    }
  }

}
