package dev.yocho.scoring.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.RefreshJob;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.scoring.testing.Tables;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A real server for tests: the golden universe with two refreshed dates, both golden bundles (GBM
 * current), a keys file with a viewer and an operator key, and a {@link HttpClient}.
 */
final class ApiFixture implements AutoCloseable {
  static final LocalDate D1 = LocalDate.of(2025, 1, 31);
  static final LocalDate D2 = LocalDate.of(2025, 2, 28);
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final Path db;
  final Path models;
  final Path keys;
  final String viewer;
  final String operator;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  ApiServer server;

  record Reply(int status, String contentType, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  /** Builds the data; call {@link #start} (after reading what the test needs from the file). */
  ApiFixture(Path dir) throws Exception {
    this.dir = dir;
    db = GoldenUniverse.generate(dir);
    models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection c = Tables.open(db, false)) {
      RefreshJob job = new RefreshJob(store, line -> { }, 2);
      job.run(c, D1);
      job.run(c, D2);
    }
    keys = dir.resolve("keys.json");
    viewer = ApiKeys.add(keys, "alice", Role.VIEWER, Instant.now()).secret();
    operator = ApiKeys.add(keys, "ops", Role.OPERATOR, Instant.now()).secret();
  }

  ApiFixture start() throws Exception {
    server = ApiServer.start(ApiServer.Options.defaults(db, models, keys).withPort(0));
    return this;
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  Reply get(String pathAndQuery, String secret) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (secret != null) {
      b.header("Authorization", "Bearer " + secret);
    }
    return send(b.build());
  }

  Reply post(String path, String secret, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      b.header("Authorization", "Bearer " + secret);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b.build());
  }

  Reply send(HttpRequest request) throws Exception {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
  }

  /** Asserts {@code r} is a problem+json error of {@code status} and {@code code}; returns it. */
  static JsonNode assertProblem(Reply r, int status, ErrorCode code) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode p = assertWellFormedProblem(r);
    assertThat(p.get("code").asText()).as(r.body()).isEqualTo(code.code());
    return p;
  }

  /** Asserts an error body is a well-formed RFC 9457 problem without internals. */
  static JsonNode assertWellFormedProblem(Reply r) throws Exception {
    assertThat(r.contentType()).as(r.body()).startsWith(Problem.MEDIA_TYPE);
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.isObject()).as(r.body()).isTrue();
    assertThat(p.get("status").asInt()).as(r.body()).isEqualTo(r.status());
    for (String key : new String[] {"type", "title", "detail", "code"}) {
      assertThat(p.hasNonNull(key)).as(key + " in " + r.body()).isTrue();
    }
    assertThat(r.body()).doesNotContain("Exception", "\tat ", "dev.yocho.", "java.", "org.duckdb",
        "SQL");
    return p;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
