package dev.yocho.scoring.http;

import static dev.yocho.scoring.http.ApiFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a hostile or broken client cannot do to the service: starve it with slow bodies, get a 500
 * for its own malformed body, slip a parameter past the checks with bad percent-encoding, override
 * the method, or send two keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpHardeningTest {
  ApiFixture api;

  @BeforeAll
  void start() throws Exception {
    api = new ApiFixture(Files.createTempDirectory("yocho-hardening-test")).start();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  /** A raw HTTP/1.1 exchange: sends {@code request}, returns everything the server answered. */
  private ApiFixture.Reply raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", api.server.port())) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      return RequestFuzzer.parse(readAll(s.getInputStream()), request);
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
      // reset after the answer: keep what arrived
    }
    return b.toByteArray();
  }

  /** A GET with the viewer key, its target sent as is (java.net.URI refuses bad escapes). */
  private ApiFixture.Reply rawGet(String target) throws IOException {
    return raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
        + api.viewer + "\r\nConnection: close\r\n\r\n");
  }

  private String refreshHead(int contentLength) {
    return refreshHead(contentLength, true);
  }

  private String refreshHead(int contentLength, boolean withKey) {
    return "POST /api/v1/refresh HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (withKey
        ? "Authorization: Bearer " + api.operator + "\r\n" : "")
        + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n\r\n";
  }

  @Test
  void slowBodiesDoNotStarveTheOtherRequests() throws Exception {
    // 80 with the operator's key (more than the server's 64 request threads), then 40 without
    int clients = 120;
    List<Socket> sockets = new ArrayList<>();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    try {
      for (int i = 0; i < clients; i++) {
        Socket s = new Socket("127.0.0.1", api.server.port());
        s.setSoTimeout(60_000);
        s.getOutputStream().write(refreshHead(400, i < 80).getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().write('{');
        s.getOutputStream().flush();
        sockets.add(s);
      }
      // one byte per client every 200 ms: each byte would reset an idle timeout, and the bodies
      // would take 80 s to arrive
      trickle.scheduleAtFixedRate(() -> {
        for (Socket s : sockets) {
          try {
            OutputStream out = s.getOutputStream();
            out.write(' ');
            out.flush();
          } catch (IOException e) {
            // the server answered and closed: nothing more to send
          }
        }
      }, 200, 200, TimeUnit.MILLISECONDS);
      Thread.sleep(500);
      java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10)).build();
      for (int i = 0; i < 5; i++) {
        var r = client.send(HttpRequest.newBuilder(api.uri("/health"))
            .timeout(Duration.ofSeconds(15)).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/firms/1", api.viewer).status()).isIn(200, 404);
      }
      // every slow client is answered: 408 when its body missed the deadline (or the minimum
      // rate), 503 when too many bodies were already being read, 401 without a key
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        ApiFixture.Reply r = RequestFuzzer.parse(readAll(sockets.get(i).getInputStream()),
            "slow body");
        assertThat(r).isNotNull();
        if (i < 80) {
          assertThat(r.status()).as(r.body()).isIn(408, 503);
          JsonNode p = ApiFixture.assertWellFormedProblem(r);
          assertThat(p.get("code").asText()).isEqualTo(r.status() == 408 ? "request_timeout"
              : "unavailable");
        } else {
          assertProblem(r, 401, ErrorCode.UNAUTHENTICATED);
        }
        statuses.add(r.status());
      }
      assertThat(statuses).contains(408, 503, 401);
    } finally {
      trickle.shutdownNow();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void aBodyThatEndsEarlyOrIsMalformedIsTheClientsFaultNotA500() throws Exception {
    // a body shorter than its Content-Length, the client's side closed: 400, not 500
    ApiFixture.Reply truncated;
    try (Socket s = new Socket("127.0.0.1", api.server.port())) {
      s.setSoTimeout(60_000);
      s.getOutputStream().write((refreshHead(100) + "{\"as_of\":").getBytes(
          StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      s.shutdownOutput();
      truncated = RequestFuzzer.parse(readAll(s.getInputStream()), "truncated body");
    }
    assertThat(truncated).isNotNull();
    assertProblem(truncated, 400, ErrorCode.BAD_BODY);
    // a malformed chunked body: 400
    ApiFixture.Reply chunked = raw("POST /api/v1/refresh HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer " + api.operator + "\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
    assertThat(chunked).isNotNull();
    assertThat(chunked.status()).as(chunked.body()).isEqualTo(400);
    ApiFixture.assertWellFormedProblem(chunked);
    // neither counts as a server failure
    String metrics = api.get("/metrics", api.viewer).body();
    assertThat(metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")
        && l.contains("status=\"500\""))).isEmpty();
  }

  @Test
  void invalidPercentEncodingIsRefusedNamingTheParameter() throws Exception {
    JsonNode p = assertProblem(rawGet("/api/v1/firms/1/score?as_of=2025-06-30%zz"), 400,
        ErrorCode.BAD_PARAMETER);
    assertThat(p.get("parameter").asText()).isEqualTo("as_of");
    assertThat(p.get("detail").asText()).contains("percent-encoding");
    JsonNode twice = assertProblem(rawGet("/api/v1/transitions?limit=3&limit=%zz"), 400,
        ErrorCode.BAD_PARAMETER);
    assertThat(twice.get("parameter").asText()).isEqualTo("limit");
    assertProblem(rawGet("/api/v1/transitions?li%zzmit=3"), 400, ErrorCode.BAD_PARAMETER);
    assertProblem(rawGet("/api/v1/transitions?limit=%4"), 400, ErrorCode.BAD_PARAMETER);
    // well-formed encoding still works
    assertThat(api.get("/api/v1/transitions?direction=%64own", api.viewer).status())
        .isEqualTo(200);
  }

  @Test
  void methodOverridesHeadRequestsAndSeveralKeysAreNotLoopholes() throws Exception {
    // a GET that asks to be a POST is refused, and runs nothing
    for (String header : new String[] {"X-HTTP-Method-Override", "X-HTTP-Method",
        "X-Method-Override"}) {
      ApiFixture.Reply r = api.send(HttpRequest.newBuilder(api.uri("/api/v1/refresh"))
          .header("Authorization", "Bearer " + api.operator).header(header, "POST").GET().build());
      assertProblem(r, 400, ErrorCode.BAD_REQUEST);
    }
    // HEAD is GET without the body: the same key and parameter checks
    HttpRequest.Builder head = HttpRequest.newBuilder(api.uri("/api/v1/firms/1"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
    assertThat(api.send(head.build()).status()).isEqualTo(401);
    assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/transitions?bogus=1"))
        .header("Authorization", "Bearer " + api.viewer)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(400);
    assertThat(api.send(HttpRequest.newBuilder(api.uri("/api/v1/transitions"))
        .header("Authorization", "Bearer " + api.viewer)
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(200);
    assertThat(api.send(HttpRequest.newBuilder(api.uri("/health"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(200);
    // two Authorization headers: refused, whichever is valid
    ApiFixture.Reply two = raw("GET /api/v1/transitions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Authorization: Bearer " + api.viewer + "\r\nAuthorization: Bearer nonsense\r\n"
        + "Connection: close\r\n\r\n");
    assertProblem(two, 400, ErrorCode.BAD_REQUEST);
    // trailing garbage after the JSON body, and a key given twice: refused
    assertProblem(api.post("/api/v1/refresh", api.operator, "application/json",
        "{\"as_of\":\"2025-03-31\"} trailing"), 400, ErrorCode.BAD_BODY);
    assertProblem(api.post("/api/v1/refresh", api.operator, "application/json",
        "{\"as_of\":\"2025-03-31\",\"as_of\":\"2025-04-30\"}"), 400, ErrorCode.BAD_BODY);
  }

  @Test
  void answersAboutFirmsAreNotCached() throws Exception {
    for (String path : new String[] {"/api/v1/firms/1", "/api/v1/firms/1/grades",
        "/api/v1/transitions", "/api/v1/firms/99999999"}) {
      HttpRequest r = HttpRequest.newBuilder(api.uri(path))
          .header("Authorization", "Bearer " + api.viewer).GET().build();
      var response = api.client.send(r, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("Cache-Control")).as(path).contains("no-store");
    }
  }

  @Test
  void aKeysFileCorruptedWhileServingKeepsTheLastGoodKeysAndSaysSo() throws Exception {
    byte[] good = Files.readAllBytes(api.keys);
    try {
      Files.writeString(api.keys, "{ \"keys\": [ {\"id\": ");
      JsonNode health = null;
      for (int i = 0; i < 100; i++) {
        health = api.get("/health", null).json();
        if (health.get("status").asText().equals("degraded")) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(health.get("status").asText()).isEqualTo("degraded");
      assertThat(health.get("detail").asText()).contains("keys file could not be read",
          "last good keys (2 active)");
      assertThat(api.get("/api/v1/models", api.viewer).status()).isEqualTo(200);
    } finally {
      Files.write(api.keys, good);
    }
    String status = "degraded";
    for (int i = 0; i < 100 && !status.equals("ok"); i++) {
      Thread.sleep(100);
      status = api.get("/health", null).json().get("status").asText();
    }
    assertThat(status).isEqualTo("ok");
  }
}
