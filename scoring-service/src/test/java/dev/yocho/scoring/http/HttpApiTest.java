package dev.yocho.scoring.http;

import static dev.yocho.scoring.http.ApiFixture.D1;
import static dev.yocho.scoring.http.ApiFixture.D2;
import static dev.yocho.scoring.http.ApiFixture.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.cli.ExplainCommand;
import dev.yocho.scoring.explain.Language;
import dev.yocho.scoring.refresh.MoveLookup;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.scoring.testing.Tables;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Every endpoint, error class and role check against one real server on port 0. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiTest {
  ApiFixture api;
  /** Every stored move of D2 in the API's order: firm | previous | from | to | notches. */
  List<String> movesOfD2;
  String firm;
  String gradeOfFirmOnD1;
  String gradeOfFirmOnD2;
  double marginOfFirmOnD2;
  long firmWithoutMove;
  /**
   * Explanations by path, from {@link MoveLookup} on the file before the server started: the JSON
   * of {@code ./yocho explain --json}, or the message of its refusal (a firm not live then).
   */
  final Map<String, Object> explanationsByLookup = new java.util.LinkedHashMap<>();
  /** Counted on the file before the server started: "grade G3" / "raw G3" / "raw moves" / … */
  final Map<String, Long> countsOfD2 = new java.util.HashMap<>();

  @BeforeAll
  void start() throws Exception {
    api = new ApiFixture(Files.createTempDirectory("yocho-http-test"));
    movesOfD2 = Tables.rows(api.db, "SELECT firm_id, previous_as_of, grade_from, grade_to, notches"
        + " FROM transitions WHERE as_of = DATE '" + D2 + "'"
        + " ORDER BY abs(notches) DESC, abs(pd_to - pd_from) DESC, firm_id");
    assertThat(movesOfD2).hasSizeGreaterThan(20);
    // the largest move of a firm live on 2024-06-30 (explained against that unrefreshed date)
    String largest = Tables.rows(api.db, "SELECT t.firm_id, t.previous_as_of, t.grade_from,"
        + " t.grade_to, t.notches FROM transitions t JOIN firms f USING (firm_id)"
        + " WHERE t.as_of = DATE '" + D2 + "' AND f.founded_on <= DATE '2024-06-30'"
        + " ORDER BY abs(t.notches) DESC, abs(t.pd_to - t.pd_from) DESC, t.firm_id").get(0);
    firm = largest.split(" \\| ")[0];
    gradeOfFirmOnD1 = largest.split(" \\| ")[2];
    gradeOfFirmOnD2 = largest.split(" \\| ")[3];
    firmWithoutMove = Long.parseLong(Tables.rows(api.db, "SELECT g.firm_id FROM grades g"
        + " JOIN grades h ON h.firm_id = g.firm_id AND h.as_of = DATE '" + D1 + "'"
        + " WHERE g.as_of = DATE '" + D2 + "' AND g.grade = h.grade ORDER BY g.firm_id LIMIT 1")
        .get(0));
    String[] g = Tables.rows(api.db, "SELECT model_version, tier FROM grades WHERE firm_id = "
        + firm + " AND as_of = DATE '" + D2 + "'").get(0).split(" \\| ");
    try (ModelStore store = new ModelStore(api.models, ScorerOptions.defaults());
        Connection c = Tables.open(api.db, true)) {
      FeatureVector x = new SingleFirmFeatures().compute(c, Long.parseLong(firm), D2);
      marginOfFirmOnD2 = store.load(g[0]).model(Tier.valueOf(g[1].toUpperCase()))
          .ensemble().margin(x.values());
      // firms that kept their grade, firms that moved, and pairs of dates refreshed or not
      List<Long> firms = new ArrayList<>();
      for (String id : Tables.rows(c, "SELECT g.firm_id FROM grades g JOIN grades h"
          + " ON h.firm_id = g.firm_id AND h.as_of = DATE '" + D1 + "' WHERE g.as_of = DATE '"
          + D2 + "' AND g.grade = h.grade ORDER BY hash(g.firm_id), g.firm_id LIMIT 10")) {
        firms.add(Long.parseLong(id));
      }
      for (String move : movesOfD2.subList(0, 5)) {
        firms.add(Long.parseLong(move.split(" \\| ")[0]));
      }
      LocalDate[][] pairs = {{D1, D2}, {LocalDate.of(2024, 6, 30), D2},
          {D1, LocalDate.of(2025, 2, 14)}, {LocalDate.of(2023, 12, 31), LocalDate.of(2025, 2, 14)}};
      MoveLookup lookup = new MoveLookup(store);
      for (long id : firms) {
        for (LocalDate[] pair : pairs) {
          Language lang = (id + pair[0].getDayOfMonth()) % 2 == 0 ? Language.JA : Language.EN;
          String path = "/api/v1/firms/" + id + "/explain?from=" + pair[0] + "&to=" + pair[1]
              + "&lang=" + lang.code();
          try {
            explanationsByLookup.put(path, ApiFixture.JSON.readTree(ApiFixture.JSON
                .writeValueAsString(ExplainCommand.toMap(lookup.explain(c, id, pair[0],
                    pair[1]), lang))));
          } catch (IllegalArgumentException notLive) {
            explanationsByLookup.put(path, notLive.getMessage());
          }
        }
      }
    }
    for (int grade = 1; grade <= 10; grade++) {
      for (String column : List.of("grade", "raw_grade")) {
        countsOfD2.put(column + " G" + grade, Long.parseLong(Tables.rows(api.db, "SELECT"
            + " count(*) FROM grades WHERE as_of = DATE '" + D2 + "' AND " + column + " = 'G"
            + grade + "'").get(0)));
      }
    }
    countsOfD2.put("raw moves", Long.parseLong(Tables.rows(api.db, "SELECT count(*) FROM grades"
        + " g JOIN grades h ON h.firm_id = g.firm_id AND h.as_of = DATE '" + D1 + "' WHERE"
        + " g.as_of = DATE '" + D2 + "' AND g.raw_grade <> h.raw_grade").get(0)));
    countsOfD2.put("graded on both", Long.parseLong(Tables.rows(api.db, "SELECT count(*) FROM"
        + " grades g JOIN grades h ON h.firm_id = g.firm_id AND h.as_of = DATE '" + D1 + "'"
        + " WHERE g.as_of = DATE '" + D2 + "'").get(0)));
    api.start();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void healthNeedsNoKey() throws Exception {
    ApiFixture.Reply r = api.get("/health", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
    ApiFixture.Reply r = api.get("/openapi.json", null);
    assertThat(r.status()).isEqualTo(200);
    JsonNode doc = r.json();
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    Set<String> documented = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (Iterator<String> m = path.getValue().fieldNames(); m.hasNext(); ) {
        documented.add(m.next().toUpperCase() + " " + path.getKey());
      }
    }
    assertThat(new TreeSet<>(api.server.registeredRoutes())).isEqualTo(documented);
    // and each documented route answers (not 404 route_not_found, not 405) with an operator key
    for (String route : documented) {
      String[] mp = route.split(" ", 2);
      String path = mp[1].replace("{id}", firm);
      HttpRequest.Builder b = HttpRequest.newBuilder(api.uri(path))
          .header("Authorization", "Bearer " + api.operator);
      if (mp[0].equals("POST")) {
        b.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type",
            "application/json");
      } else {
        b.GET();
      }
      ApiFixture.Reply reply = api.send(b.build());
      assertThat(reply.status()).as(route + ": " + reply.body()).isNotIn(404, 405);
      if (reply.status() == 404) {
        assertThat(reply.body()).doesNotContain("route_not_found");
      }
    }
  }

  @Test
  void firmProfileWithTheLatestGrade() throws Exception {
    JsonNode j = ok(api.get("/api/v1/firms/" + firm, api.viewer));
    assertThat(j.get("firm_id").asText()).isEqualTo(firm);
    assertThat(j.get("industry").asText()).isNotEmpty();
    assertThat(j.get("founded_on").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    JsonNode latest = j.get("latest");
    assertThat(latest.get("as_of").asText()).isEqualTo(D2.toString());
    assertThat(latest.get("grade").asText()).isEqualTo(gradeOfFirmOnD2);
    assertThat(latest.get("model_version").asText()).isEqualTo(GoldenUniverse.GBM);
    assertThat(latest.get("tier").asText()).isIn("full", "thin");
    assertThat(latest.get("pd").asDouble()).isBetween(0.0, 1.0);
    assertProblem(api.get("/api/v1/firms/99999999", api.viewer), 404, ErrorCode.FIRM_NOT_FOUND);
    JsonNode p = assertProblem(api.get("/api/v1/firms/12ab", api.viewer), 400,
        ErrorCode.BAD_PARAMETER);
    assertThat(p.get("parameter").asText()).isEqualTo("id");
    assertProblem(api.get("/api/v1/firms/" + firm + "?as_of=2025-01-01", api.viewer), 400,
        ErrorCode.BAD_PARAMETER);
  }

  @Test
  void gradeHistoryBetweenTwoDates() throws Exception {
    JsonNode j = ok(api.get("/api/v1/firms/" + firm + "/grades?from=2024-01-01&to=" + D2,
        api.viewer));
    JsonNode grades = j.get("grades");
    assertThat(grades.size()).isEqualTo(2);
    assertThat(grades.get(0).get("as_of").asText()).isEqualTo(D1.toString());
    assertThat(grades.get(0).get("grade").asText()).isEqualTo(gradeOfFirmOnD1);
    assertThat(grades.get(1).get("grade").asText()).isEqualTo(gradeOfFirmOnD2);
    JsonNode only = ok(api.get("/api/v1/firms/" + firm + "/grades?from=" + D2 + "&to=" + D2,
        api.viewer));
    assertThat(only.get("grades").size()).isEqualTo(1);
    // the default window ends at the latest refresh and covers a year
    assertThat(ok(api.get("/api/v1/firms/" + firm + "/grades", api.viewer)).get("grades").size())
        .isEqualTo(2);
    assertThat(assertProblem(api.get("/api/v1/firms/" + firm + "/grades?from=2010-01-01&to=2025-"
        + "01-01", api.viewer), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText())
        .isEqualTo("to");
    assertThat(assertProblem(api.get("/api/v1/firms/" + firm + "/grades?from=2025-03-01&to=2025-"
        + "01-01", api.viewer), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText())
        .isEqualTo("from");
    assertThat(assertProblem(api.get("/api/v1/firms/" + firm + "/grades?from=2025-02-30",
        api.viewer), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("from");
    assertThat(assertProblem(api.get("/api/v1/firms/" + firm + "/grades?to=20250101",
        api.viewer), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("to");
    assertProblem(api.get("/api/v1/firms/99999999/grades", api.viewer), 404,
        ErrorCode.FIRM_NOT_FOUND);
  }

  @Test
  void scoreWithTopContributionsThatAddUpToTheMargin() throws Exception {
    JsonNode j = ok(api.get("/api/v1/firms/" + firm + "/score?as_of=" + D2 + "&lang=en",
        api.viewer));
    assertThat(j.get("grade").asText()).isEqualTo(gradeOfFirmOnD2);
    assertThat(j.get("model_version").asText()).isEqualTo(GoldenUniverse.GBM);
    assertThat(j.get("margin").asDouble()).isCloseTo(marginOfFirmOnD2, within(1e-9));
    JsonNode top = j.get("top_contributions");
    assertThat(top.size()).isBetween(1, ApiServer.TOP_CONTRIBUTIONS);
    double previous = Double.MAX_VALUE;
    for (JsonNode c : top) {
      double abs = Math.abs(c.get("contribution").asDouble());
      assertThat(abs).isLessThanOrEqualTo(previous).isPositive();
      previous = abs;
      assertThat(c.get("label").asText()).matches("[\\x20-\\x7e]+");
    }
    JsonNode ja = ok(api.get("/api/v1/firms/" + firm + "/score", api.viewer));
    assertThat(ja.get("as_of").asText()).isEqualTo(D2.toString());
    assertThat(ja.get("lang").asText()).isEqualTo("ja");
    assertThat(ja.get("top_contributions").get(0).get("label").asText())
        .matches(".*[\\u3040-\\u30ff\\u4e00-\\u9fff].*");
    assertProblem(api.get("/api/v1/firms/" + firm + "/score?as_of=2025-02-27", api.viewer), 404,
        ErrorCode.DATE_NOT_FOUND);
    assertProblem(api.get("/api/v1/firms/99999999/score", api.viewer), 404,
        ErrorCode.FIRM_NOT_FOUND);
    assertThat(assertProblem(api.get("/api/v1/firms/" + firm + "/score?lang=fr", api.viewer), 400,
        ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("lang");
  }

  @Test
  void explainReadsTheStoredMoveAndComputesOtherPairs() throws Exception {
    JsonNode en = ok(api.get("/api/v1/firms/" + firm + "/explain?from=" + D1 + "&to=" + D2
        + "&lang=en", api.viewer));
    assertThat(en.get("source").asText()).isEqualTo("stored");
    assertThat(en.get("grade_from").asText()).isEqualTo(gradeOfFirmOnD1);
    assertThat(en.get("grade_to").asText()).isEqualTo(gradeOfFirmOnD2);
    assertSums(en);
    assertThat(en.get("reasons").size()).isPositive();
    JsonNode ja = ok(api.get("/api/v1/firms/" + firm + "/explain?from=" + D1 + "&to=" + D2,
        api.viewer));
    assertThat(ja.get("lang").asText()).isEqualTo("ja");
    assertThat(ja.get("contributions")).isEqualTo(en.get("contributions"));
    // a pair the refresh never stored: computed on demand, with the same exact identity
    JsonNode computed = ok(api.get("/api/v1/firms/" + firmWithoutMove + "/explain?from=" + D1
        + "&to=" + D2 + "&lang=en", api.viewer));
    assertThat(computed.get("source").asText()).isEqualTo("computed");
    assertThat(computed.get("grade_from").asText()).isEqualTo(computed.get("grade_to").asText());
    assertSums(computed);
    JsonNode unrefreshed = ok(api.get("/api/v1/firms/" + firm + "/explain?from=2024-06-30&to="
        + D2 + "&lang=en", api.viewer));
    assertThat(unrefreshed.get("source").asText()).isEqualTo("computed");
    assertSums(unrefreshed);

    String base = "/api/v1/firms/" + firm + "/explain";
    assertThat(assertProblem(api.get(base + "?to=" + D2, api.viewer), 400,
        ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("from");
    assertThat(assertProblem(api.get(base + "?from=" + D2 + "&to=" + D1, api.viewer), 400,
        ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("from");
    assertThat(assertProblem(api.get(base + "?from=2000-01-01&to=" + D2, api.viewer), 400,
        ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("to");
    assertProblem(api.get(base + "?from=" + D1 + "&to=2026-06-30", api.viewer), 404,
        ErrorCode.DATE_NOT_FOUND);
    assertProblem(api.get("/api/v1/firms/99999999/explain?from=" + D1 + "&to=" + D2, api.viewer),
        404, ErrorCode.FIRM_NOT_FOUND);
    assertThat(assertProblem(api.get(base + "?from=" + D1 + "&to=" + D2 + "&lang=de", api.viewer),
        400, ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("lang");
    assertThat(assertProblem(api.get(base + "?from=" + D1 + "&to=" + D2 + "&from=" + D1,
        api.viewer), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("from");
  }

  @Test
  void explanationsOfTheServiceEqualThoseOfTheCommandLine() throws Exception {
    // the service computes on-demand moves its own way (facts in memory, read once for both
    // dates; a day's grades read once): the same JSON as ./yocho explain, stored or computed
    int computed = 0;
    int refused = 0;
    for (int round = 0; round < 2; round++) { // the second time from the service's day tables
      for (Map.Entry<String, Object> e : explanationsByLookup.entrySet()) {
        ApiFixture.Reply r = api.get(e.getKey(), api.viewer);
        if (e.getValue() instanceof String message) {
          JsonNode p = assertProblem(r, 404, ErrorCode.DATE_NOT_FOUND);
          assertThat(p.get("detail").asText()).as(e.getKey()).isEqualTo(message);
          refused++;
        } else {
          assertThat(ok(r)).as(e.getKey()).isEqualTo(e.getValue());
          computed += r.json().get("source").asText().equals("computed") ? 1 : 0;
        }
      }
    }
    assertThat(computed).isGreaterThan(60);
    assertThat(refused).isLessThan(computed);
  }

  @Test
  void anInternalErrorIsAProblemWithAnIncidentAndNoInternals() throws Exception {
    // a bundle damaged on disk made current: the service cannot verify it, a real failure of a
    // real dependency, which is the service's fault (500), not the client's
    Path broken = api.models.resolve("gbm-damaged");
    GoldenUniverse.copyTree(api.models.resolve(GoldenUniverse.GBM), broken);
    Path victim;
    try (var files = Files.list(broken)) {
      victim = files.filter(f -> !f.getFileName().toString().equals("manifest.json")).sorted()
          .findFirst().orElseThrow();
    }
    Files.write(victim, new byte[] {42}, java.nio.file.StandardOpenOption.APPEND);
    GoldenUniverse.setCurrent(api.models, "gbm-damaged");
    try {
      for (String path : List.of("/api/v1/models", "/api/v1/firms/" + firm
          + "/explain?from=2024-06-30&to=" + D2 + "&lang=en")) {
        ApiFixture.Reply r = api.get(path, api.viewer);
        JsonNode p = assertProblem(r, 500, ErrorCode.INTERNAL);
        assertThat(p.get("code").asText()).isEqualTo("internal");
        assertThat(p.get("detail").asText()).as(r.body())
            .matches("internal error \\(incident [0-9a-f-]{36}\\)");
        assertThat(r.body()).as(path).doesNotContain("gbm-damaged", victim.getFileName()
            .toString(), api.models.toString(), "IllegalArgument", "SHA", "sha-256",
            "manifest", "\tat ", "Caused by");
      }
    } finally {
      GoldenUniverse.setCurrent(api.models, GoldenUniverse.GBM);
      try (var files = Files.list(broken)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(broken);
    }
    assertThat(ok(api.get("/api/v1/models", api.viewer)).get("current").asText())
        .isEqualTo(GoldenUniverse.GBM);
  }

  @Test
  @Order(Integer.MAX_VALUE - 1) // near the end: it adds a refreshed date
  void readersSeeThePreviousDayWhileARefreshRunsAndTheNewOneOnceItCommits() throws Exception {
    LocalDate d3 = LocalDate.of(2025, 3, 14);
    String history = "/api/v1/firms/" + firm + "/grades?from=" + D1 + "&to=" + d3;
    JsonNode gradesBefore = ok(api.get(history, api.viewer)).get("grades");
    assertThat(gradesBefore.size()).isEqualTo(2);
    JsonNode movesOfD2Before = ok(api.get("/api/v1/transitions?as_of=" + D2 + "&limit=1000",
        api.viewer));
    // a new date: held inside its transaction, readers still see D2 as the latest day
    ApiFixture.Reply committed = refreshHeldOpen(d3, () -> {
      assertThat(ok(api.get(history, api.viewer)).get("grades")).isEqualTo(gradesBefore);
      assertThat(ok(api.get("/api/v1/transitions?limit=1", api.viewer)).get("as_of").asText())
          .isEqualTo(D2.toString());
      assertThat(ok(api.get("/api/v1/firms/" + firm, api.viewer)).get("latest").get("as_of")
          .asText()).isEqualTo(D2.toString());
      assertProblem(api.get("/api/v1/transitions?as_of=" + d3, api.viewer), 404,
          ErrorCode.DATE_NOT_FOUND);
    });
    assertThat(ok(committed).get("as_of").asText()).isEqualTo(d3.toString());
    JsonNode gradesAfter = ok(api.get(history, api.viewer)).get("grades");
    assertThat(gradesAfter.size()).isEqualTo(3);
    assertThat(gradesAfter.get(2).get("as_of").asText()).isEqualTo(d3.toString());
    assertThat(ok(api.get("/api/v1/transitions?limit=1", api.viewer)).get("as_of").asText())
        .isEqualTo(d3.toString());

    // an existing date re-graded: its transaction has deleted the day when it is held, and
    // readers still see every row of it
    ApiFixture.Reply regraded = refreshHeldOpen(D2, () -> {
      assertThat(ok(api.get("/api/v1/transitions?as_of=" + D2 + "&limit=1000", api.viewer)))
          .isEqualTo(movesOfD2Before);
      assertThat(ok(api.get(history, api.viewer)).get("grades")).isEqualTo(gradesAfter);
      JsonNode stored = ok(api.get("/api/v1/firms/" + firm + "/explain?from=" + D1 + "&to=" + D2,
          api.viewer));
      assertThat(stored.get("source").asText()).isEqualTo("stored");
    });
    assertThat(ok(regraded).get("as_of").asText()).isEqualTo(D2.toString());
    assertThat(ok(api.get("/api/v1/transitions?as_of=" + D2 + "&limit=1000", api.viewer)))
        .isEqualTo(movesOfD2Before); // the same model and data: the same day again
  }

  interface Reads {
    void run() throws Exception;
  }

  /**
   * Runs a refresh of {@code day} through the API, holds it inside its transaction (the refresh's
   * "transaction open" progress line) while {@code whileOpen} reads, then lets it commit.
   */
  private ApiFixture.Reply refreshHeldOpen(LocalDate day, Reads whileOpen) throws Exception {
    CountDownLatch open = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    api.server.refreshProgress = line -> {
      if (line.contains("transaction open")) {
        open.countDown();
        try {
          release.await(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<ApiFixture.Reply> reply = pool.submit(() -> api.post("/api/v1/refresh",
          api.operator, "application/json", "{\"as_of\":\"" + day + "\"}"));
      assertThat(open.await(5, TimeUnit.MINUTES)).as("the refresh opened its transaction")
          .isTrue();
      whileOpen.run();
      assertThat(reply.isDone()).as("the refresh waited for the readers").isFalse();
      release.countDown();
      return reply.get(5, TimeUnit.MINUTES);
    } finally {
      release.countDown();
      api.server.refreshProgress = line -> { };
      pool.shutdownNow();
    }
  }

  private static void assertSums(JsonNode e) {
    double sum = e.get("model_effect").asDouble();
    for (JsonNode c : e.get("contributions")) {
      sum += c.asDouble();
    }
    assertThat(sum).isCloseTo(e.get("delta_logit").asDouble(), within(1e-6));
    assertThat(e.get("logit_to").asDouble() - e.get("logit_from").asDouble())
        .isCloseTo(e.get("delta_logit").asDouble(), within(1e-9));
  }

  @Test
  void transitionsPageThroughTheDayInOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = ok(api.get("/api/v1/transitions?as_of=" + D2 + "&limit=7"
          + (cursor == null ? "" : "&cursor=" + cursor), api.viewer));
      assertThat(page.get("transitions").size()).isLessThanOrEqualTo(7);
      for (JsonNode t : page.get("transitions")) {
        seen.add(t.get("firm_id").asText() + " | " + t.get("previous_as_of").asText() + " | "
            + t.get("grade_from").asText() + " | " + t.get("grade_to").asText() + " | "
            + t.get("notches").asText());
      }
      cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 1000);
    assertThat(seen).isEqualTo(movesOfD2);
    assertThat(pages).isEqualTo((movesOfD2.size() + 6) / 7);

    JsonNode down = ok(api.get("/api/v1/transitions?direction=down&min_notches=2&limit=1000",
        api.viewer));
    assertThat(down.get("as_of").asText()).isEqualTo(D2.toString());
    long expected = movesOfD2.stream().filter(m -> Integer.parseInt(m.split(" \\| ")[4]) >= 2)
        .count();
    assertThat(down.get("transitions").size()).isEqualTo((int) expected);
    for (JsonNode t : down.get("transitions")) {
      assertThat(t.get("notches").asInt()).isGreaterThanOrEqualTo(2);
    }
    JsonNode up = ok(api.get("/api/v1/transitions?direction=up&limit=1000", api.viewer));
    for (JsonNode t : up.get("transitions")) {
      assertThat(t.get("notches").asInt()).isNegative();
    }

    for (String bad : List.of("limit=0", "limit=1001", "limit=ten", "min_notches=0",
        "direction=sideways", "as_of=2025-13-01", "cursor=%21%21", "cursor=djF8eA",
        "colour=red")) {
      JsonNode p = assertProblem(api.get("/api/v1/transitions?" + bad, api.viewer), 400,
          ErrorCode.BAD_PARAMETER);
      assertThat(p.get("parameter").asText()).isEqualTo(bad.split("=")[0]);
    }
    // a cursor is bound to its query
    JsonNode first = ok(api.get("/api/v1/transitions?limit=1", api.viewer));
    String c = first.get("next_cursor").asText();
    assertProblem(api.get("/api/v1/transitions?limit=1&direction=down&cursor=" + c, api.viewer),
        400, ErrorCode.BAD_PARAMETER);
    assertProblem(api.get("/api/v1/transitions?as_of=2025-02-27", api.viewer), 404,
        ErrorCode.DATE_NOT_FOUND);
  }

  @Test
  void portfolioSummarisesADayAndTheStabilityOfItsGrades() throws Exception {
    JsonNode p = ok(api.get("/api/v1/portfolio?as_of=" + D2, api.viewer));
    assertThat(p.get("as_of").asText()).isEqualTo(D2.toString());
    assertThat(p.get("grade_policy").asText()).isEqualTo("gp-2026.1");
    // the distribution, counted independently
    long firms = 0;
    for (int g = 1; g <= 10; g++) {
      String label = "G" + g;
      assertThat(p.get("grades").get(label).asLong()).as(label)
          .isEqualTo(countsOfD2.get("grade " + label));
      assertThat(p.get("raw_grades").get(label).asLong()).as(label)
          .isEqualTo(countsOfD2.get("raw_grade " + label));
      firms += p.get("grades").get(label).asLong();
    }
    assertThat(p.get("firms").asLong()).isEqualTo(firms).isPositive();
    JsonNode moves = p.get("moves");
    assertThat(moves.get("moves").asInt()).isEqualTo(movesOfD2.size());
    assertThat(moves.get("downgrades").asLong()).isEqualTo(movesOfD2.stream()
        .filter(m -> Integer.parseInt(m.split(" \\| ")[4]) > 0).count());
    assertThat(moves.get("previous_refresh").asText()).isEqualTo(D1.toString());
    // stability over the refreshes up to D2: D1 then D2; firm-years = firms on D2 × (D2 - D1)
    JsonNode s = p.get("stability");
    double firmYears = firms * (double) (D2.toEpochDay() - D1.toEpochDay()) / 365;
    assertThat(s.get("firm_years").asDouble()).isCloseTo(firmYears, within(1e-9));
    assertThat(s.get("moves").asInt()).isEqualTo(movesOfD2.size());
    assertThat(s.get("moves_per_firm_year").asDouble())
        .isCloseTo(movesOfD2.size() / firmYears, within(1e-9));
    assertThat(s.get("moves_on_new_fact").asInt() + s.get("moves_after_sustained_shift").asInt())
        .isEqualTo(movesOfD2.size());
    // without the policy: every firm whose PD's grade changed between D1 and D2
    long rawMoves = countsOfD2.get("raw moves");
    assertThat(s.get("without_policy").get("moves").asLong()).isEqualTo(rawMoves)
        .isGreaterThan(movesOfD2.size());
    // the migration matrix: its cells are the firms graded on both days, its off-diagonal the
    // day's moves
    long cells = 0;
    long offDiagonal = 0;
    for (int a = 1; a <= 10; a++) {
      for (int b = 1; b <= 10; b++) {
        long n = s.get("migration").get("G" + a).get("G" + b).asLong();
        cells += n;
        offDiagonal += a == b ? 0 : n;
      }
    }
    assertThat(cells).isEqualTo(countsOfD2.get("graded on both"));
    assertThat(offDiagonal).isEqualTo(movesOfD2.size());
    JsonNode month = p.get("stability_30_days");
    assertThat(month.get("window_days").asInt()).isEqualTo(30);
    assertThat(month.get("window_to").asText()).isEqualTo(D2.toString());
    assertThat(month.get("moves").asInt()).isEqualTo(movesOfD2.size()); // D1 is within 30 days
    // the latest refresh by default; a bad date is a 400, a date not refreshed a 404
    assertThat(ok(api.get("/api/v1/portfolio", api.viewer)).get("as_of").asText())
        .isEqualTo(D2.toString());
    assertThat(assertProblem(api.get("/api/v1/portfolio?as_of=2025-13-01", api.viewer), 400,
        ErrorCode.BAD_PARAMETER).get("parameter").asText()).isEqualTo("as_of");
    assertProblem(api.get("/api/v1/portfolio?as_of=2025-02-27", api.viewer), 404,
        ErrorCode.DATE_NOT_FOUND);
    assertProblem(api.get("/api/v1/portfolio?colour=red", api.viewer), 400,
        ErrorCode.BAD_PARAMETER);
    assertProblem(api.get("/api/v1/portfolio", null), 401, ErrorCode.UNAUTHENTICATED);
    // the OpenAPI document types the body
    JsonNode schema = ok(api.get("/openapi.json", null)).get("components").get("schemas")
        .get("Portfolio");
    assertThat(schema.get("properties").get("stability").get("properties")
        .get("moves_per_firm_year").get("type").asText()).isEqualTo("number");
    assertThat(ok(api.get("/openapi.json", null)).get("paths").get("/api/v1/portfolio").get("get")
        .get("responses").get("200").get("content").get("application/json").get("schema")
        .get("$ref").asText()).isEqualTo("#/components/schemas/Portfolio");
  }

  @Test
  void modelsAndMetrics() throws Exception {
    JsonNode m = ok(api.get("/api/v1/models", api.viewer));
    assertThat(m.get("current").asText()).isEqualTo(GoldenUniverse.GBM);
    Set<String> versions = new HashSet<>();
    m.get("models").forEach(v -> versions.add(v.get("version").asText()));
    assertThat(versions).containsExactlyInAnyOrder(GoldenUniverse.GBM, GoldenUniverse.LOGIT);
    api.get("/health", null);
    ApiFixture.Reply metrics = api.get("/metrics", api.viewer);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    assertThat(metrics.body()).contains("http_server_requests_seconds_count{",
        "route=\"/health\"", "yocho_grades_firms{grade=\"G1\"}",
        "yocho_refresh_duration_seconds_count");
    assertProblem(api.get("/metrics", null), 401, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void authenticationAndRoles() throws Exception {
    String path = "/api/v1/firms/" + firm;
    ApiFixture.Reply none = api.get(path, null);
    assertProblem(none, 401, ErrorCode.UNAUTHENTICATED);
    assertProblem(api.get(path, "yk_not-a-key"), 401, ErrorCode.UNAUTHENTICATED);
    assertProblem(api.get(path, api.viewer + "x"), 401, ErrorCode.UNAUTHENTICATED);
    assertProblem(api.send(HttpRequest.newBuilder(api.uri(path))
        .header("Authorization", "Basic " + api.viewer).GET().build()), 401,
        ErrorCode.UNAUTHENTICATED);
    assertThat(api.get(path, api.operator).status()).isEqualTo(200);
    // a viewer may not refresh; the check comes before the body is looked at
    assertProblem(api.post("/api/v1/refresh", api.viewer, "application/json",
        "{\"as_of\":\"2025-03-31\"}"), 403, ErrorCode.FORBIDDEN);
    assertProblem(api.post("/api/v1/refresh", null, "application/json",
        "{\"as_of\":\"2025-03-31\"}"), 401, ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void errorsOfEveryClassAreProblemDocuments() throws Exception {
    assertProblem(api.get("/api/v1/nothing", api.viewer), 404, ErrorCode.ROUTE_NOT_FOUND);
    assertProblem(api.get("/", null), 404, ErrorCode.ROUTE_NOT_FOUND);
    assertProblem(api.send(HttpRequest.newBuilder(api.uri("/api/v1/firms/" + firm))
        .DELETE().header("Authorization", "Bearer " + api.operator).build()), 405,
        ErrorCode.METHOD_NOT_ALLOWED);
    assertProblem(api.get("/api/v1/refresh", api.operator), 405, ErrorCode.METHOD_NOT_ALLOWED);
    String refresh = "/api/v1/refresh";
    assertProblem(api.post(refresh, api.operator, "text/plain", "{\"as_of\":\"2025-03-31\"}"),
        415, ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertProblem(api.post(refresh, api.operator, null, "{\"as_of\":\"2025-03-31\"}"), 415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertProblem(api.post(refresh, api.operator, "application/json",
        "{\"as_of\":\"" + "9".repeat(5000) + "\"}"), 413, ErrorCode.BODY_TOO_LARGE);
    assertProblem(api.post(refresh, api.operator, "application/json", "{\"as_of\":"), 400,
        ErrorCode.BAD_BODY);
    assertProblem(api.post(refresh, api.operator, "application/json", "[]"), 400,
        ErrorCode.BAD_BODY);
    assertThat(assertProblem(api.post(refresh, api.operator, "application/json",
        "{\"as_of\":\"2025-03-31\",\"force\":true}"), 400, ErrorCode.BAD_BODY).get("parameter")
        .asText()).isEqualTo("force");
    assertThat(assertProblem(api.post(refresh, api.operator, "application/json",
        "{\"as_of\":\"31/03/2025\"}"), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText())
        .isEqualTo("as_of");
    assertThat(assertProblem(api.post(refresh, api.operator, "application/json",
        "{\"as_of\":\"2031-03-31\"}"), 400, ErrorCode.BAD_PARAMETER).get("parameter").asText())
        .isEqualTo("as_of");
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it adds a refreshed date
  void refreshRunsInTheServiceAndASecondOneMeanwhileIsRefused() throws Exception {
    String body = "{\"as_of\":\"2025-03-31\"}";
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (int attempt = 0; attempt < 3 && !statuses.contains(409); attempt++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ApiFixture.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          replies.add(pool.submit(() -> {
            go.await();
            return api.post("/api/v1/refresh", api.operator, "application/json; charset=utf-8",
                body);
          }));
        }
        go.countDown();
        for (Future<ApiFixture.Reply> f : replies) {
          ApiFixture.Reply r = f.get();
          statuses.add(r.status());
          if (r.status() == 200) {
            JsonNode j = r.json();
            assertThat(j.get("as_of").asText()).isEqualTo("2025-03-31");
            assertThat(j.get("firms").asInt()).isGreaterThan(1000);
          } else {
            assertProblem(r, 409, ErrorCode.REFRESH_RUNNING);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(statuses).contains(200, 409).allMatch(s -> s == 200 || s == 409);
    JsonNode latest = ok(api.get("/api/v1/firms/" + firm, api.viewer)).get("latest");
    assertThat(latest.get("as_of").asText()).isEqualTo("2025-03-31");
    JsonNode moves = ok(api.get("/api/v1/transitions?limit=1", api.viewer));
    assertThat(moves.get("as_of").asText()).isEqualTo("2025-03-31");
    assertThat(api.get("/metrics", api.viewer).body())
        .containsPattern("yocho_refresh_duration_seconds_count(\\{[^}]*\\})? [1-9]");

    // re-grading D2 with the scorecard replaces its stored explanations: no stale one is served
    String stored = "/api/v1/firms/" + firm + "/explain?from=" + D1 + "&to=" + D2;
    assertThat(ok(api.get(stored, api.viewer)).get("model_to").asText())
        .isEqualTo(GoldenUniverse.GBM);
    GoldenUniverse.setCurrent(api.models, GoldenUniverse.LOGIT);
    assertThat(api.post("/api/v1/refresh", api.operator, "application/json",
        "{\"as_of\":\"" + D2 + "\"}").status()).isEqualTo(200);
    JsonNode after = ok(api.get(stored, api.viewer));
    assertThat(after.get("model_to").asText()).isEqualTo(GoldenUniverse.LOGIT);
  }

  @Test
  void twoThousandRandomAndMalformedRequestsGetNo5xxAndAProblemForEveryError() throws Exception {
    RequestFuzzer fuzzer = new RequestFuzzer(api, 42, firm);
    for (int i = 0; i < 1500; i++) {
      fuzzer.clientRequest();
    }
    for (int i = 0; i < 700; i++) {
      fuzzer.rawRequest();
    }
    // the server still answers normally afterwards
    assertThat(api.get("/api/v1/firms/" + firm, api.viewer).status()).isEqualTo(200);
  }

  private static JsonNode ok(ApiFixture.Reply r) throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    return r.json();
  }

}
