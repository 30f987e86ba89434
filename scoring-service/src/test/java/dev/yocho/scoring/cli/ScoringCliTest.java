package dev.yocho.scoring.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.scoring.testing.CliRun;
import dev.yocho.scoring.testing.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code yocho refresh} and {@code yocho explain} through the CLI entry, as a user runs them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScoringCliTest {
  static final String D0 = "2024-12-31";
  static final String D1 = "2025-01-31";
  static final String D2 = "2025-02-28";

  Path dir;
  Path db;
  Path models;

  @BeforeAll
  void refreshTwoDates() throws Exception {
    dir = Files.createTempDirectory("yocho-cli-test");
    db = GoldenUniverse.generate(dir);
    models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    for (String day : List.of(D1, D2)) {
      CliRun r = CliRun.of("refresh", "--db", db.toString(), "--models", models.toString(), "--as-of", day,
          "--json");
      assertThat(r.exitCode()).as(r.stderr()).isZero();
      JsonNode j = r.json();
      assertThat(j.get("as_of").asText()).isEqualTo(day);
      assertThat(j.get("firms").asInt()).isGreaterThan(1000);
      for (String key : List.of("upgrades", "downgrades", "seconds")) {
        assertThat(j.has(key)).as(key).isTrue();
      }
      assertThat(Tables.rows(db, "SELECT count(*) FROM grades WHERE as_of = DATE '" + day + "'"))
          .containsExactly(j.get("firms").asText());
      assertThat(Tables.rows(db, "SELECT count(*) FROM transitions WHERE as_of = DATE '" + day
          + "' AND notches < 0")).containsExactly(j.get("upgrades").asText());
      // the stability figures over the refreshes so far, against the tables
      assertThat(j.get("grade_policy").asText()).isEqualTo("gp-2026.1");
      JsonNode s = j.get("stability");
      long moves = Long.parseLong(Tables.rows(db, "SELECT count(*) FROM transitions").get(0));
      assertThat(s.get("moves").asLong()).isEqualTo(moves);
      assertThat(s.get("moves_on_new_fact").asLong() + s.get("moves_after_sustained_shift")
          .asLong()).isEqualTo(moves);
      assertThat(s.get("moves_top_reason_window_edge").asLong()).isEqualTo(Long.parseLong(
          Tables.rows(db, "SELECT count(*) FROM transitions t JOIN explanations e USING (as_of,"
              + " firm_id) WHERE json_extract_string(e.reasons, '$[0].events') NOT LIKE"
              + " '%\"kind\":\"event\"%' AND json_extract_string(e.reasons, '$[0].events')"
              + " NOT LIKE '%statement%' AND json_extract_string(e.reasons, '$[0].events')"
              + " NOT LIKE '%trial_balance%' AND json_extract_string(e.reasons, '$[0].events')"
              + " NOT LIKE '%inquiry_new%'").get(0)));
      if (day.equals(D1)) {
        // the first refresh: no firm-years, no moves, no migration
        assertThat(s.get("firm_years").asDouble()).isZero();
        assertThat(s.get("migration").size()).isZero();
        continue;
      }
      double firmYears = j.get("firms").asDouble() * 28 / 365;
      assertThat(s.get("firm_years").asDouble()).isCloseTo(firmYears, within(1e-9));
      assertThat(s.get("moves_per_firm_year").asDouble()).isCloseTo(moves / firmYears,
          within(1e-9));
      assertThat(s.get("without_policy").get("moves").asLong()).isGreaterThan(moves);
      // the last 30 days, (2025-01-29, 2025-02-28], hold both refreshes here
      JsonNode month = j.get("stability_30_days");
      assertThat(month.get("window_days").asInt()).isEqualTo(30);
      assertThat(s.get("window_days").asInt()).isEqualTo(365);
      assertThat(month.get("moves").asLong()).isEqualTo(moves);
      assertThat(month.get("firm_years").asDouble()).isCloseTo(firmYears, within(1e-9));
      assertThat(s.get("share_reversed_within_30_days").asDouble()).isZero(); // one move each
      long graded = 0;
      for (JsonNode row : s.get("migration")) {
        for (JsonNode cell : row) {
          graded += cell.asLong();
        }
      }
      assertThat(graded).isEqualTo(Long.parseLong(Tables.rows(db, "SELECT count(*) FROM grades g"
          + " JOIN grades h ON h.firm_id = g.firm_id AND h.as_of = DATE '" + D1 + "' WHERE"
          + " g.as_of = DATE '" + D2 + "'").get(0)));
    }
  }

  @Test
  void transitionsOfADateNeverRefreshedAreRefusedAsTheApiRefusesThem() throws Exception {
    for (String date : List.of(D0, "2019-06-30", "2025-02-27")) {
      CliRun r = CliRun.of("transitions", "--db", db.toString(), "--as-of", date);
      assertThat(r.exitCode()).as(r.stdout()).isEqualTo(2);
      assertThat(r.stderr().strip()).doesNotContain("\n")
          .contains(date + " is not a refreshed date", D1 + " to " + D2);
      assertThat(r.stdout()).doesNotContain("moves");
    }
    // a yocho database never refreshed
    Path fresh = dir.resolve("fresh.duckdb");
    dev.yocho.synthetic.UniverseGenerator.generate(
        dev.yocho.synthetic.GeneratorConfig.defaults().withFirms(30), fresh);
    CliRun r = CliRun.of("transitions", "--db", fresh.toString(), "--as-of", D2);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.stderr().strip()).doesNotContain("\n").contains(D2 + " is not a refreshed date",
        "holds no grades").doesNotContain("Exception");
    // a DuckDB file that is not yocho's
    Path other = dir.resolve("other.duckdb");
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + other);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE notes (line VARCHAR)");
    }
    CliRun notYocho = CliRun.of("transitions", "--db", other.toString(), "--as-of", D2);
    assertThat(notYocho.exitCode()).isEqualTo(2);
    assertThat(notYocho.stderr().strip()).doesNotContain("\n").contains(other.toString(),
        "not a yocho database").doesNotContain("Exception");
    assertThat(CliRun.of("transitions", "--db", db.toString(), "--as-of", D2).exitCode()).isZero();
  }

  @Test
  void refreshPrintsCountsPerGradeAndMoves() {
    CliRun r = CliRun.of("refresh", "--db", db.toString(), "--models", models.toString(), "--as-of", D2);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).contains("G1 ", "G10 ", "upgrades ", "downgrades ",
        "moves of two or more notches ", "moves per firm-year", "reversed within 30 days");
  }

  @Test
  void explainReadsAStoredTransitionWithEveryKeyInCatalogueOrder() throws Exception {
    String[] move = Tables.rows(db, "SELECT firm_id, grade_from, grade_to FROM transitions"
        + " WHERE as_of = DATE '" + D2 + "' ORDER BY abs(notches) DESC, firm_id LIMIT 1")
        .get(0).split(" \\| ");
    JsonNode en = explain(move[0], D1, D2, "en");
    assertThat(en.get("source").asText()).isEqualTo("stored");
    assertThat(en.get("firm_id").asText()).isEqualTo(move[0]);
    assertThat(en.get("grade_from").asText()).isEqualTo(move[1]);
    assertThat(en.get("grade_to").asText()).isEqualTo(move[2]);
    assertThat(en.get("model_effect").asDouble()).isEqualTo(0.0);
    assertSums(en);
    JsonNode ja = explain(move[0], D1, D2, "ja");
    assertThat(ja.get("contributions")).isEqualTo(en.get("contributions"));
    assertThat(ja.get("reasons").size()).isEqualTo(en.get("reasons").size()).isPositive();
    for (int i = 0; i < en.get("reasons").size(); i++) {
      JsonNode re = en.get("reasons").get(i);
      JsonNode rj = ja.get("reasons").get(i);
      assertThat(rj.get("feature")).isEqualTo(re.get("feature"));
      assertThat(rj.get("contribution")).isEqualTo(re.get("contribution"));
      assertThat(re.get("label").asText()).matches("[\\x20-\\x7e]+");
      assertThat(rj.get("label").asText()).matches(".*[\\u3040-\\u30ff\\u4e00-\\u9fff].*");
      for (String key : List.of("feature", "label", "value_from", "value_to", "contribution",
          "events")) {
        assertThat(re.has(key)).as(key).isTrue();
      }
      assertThat(re.get("contribution").asDouble()).isEqualTo(
          en.get("contributions").get(re.get("feature").asText()).asDouble());
    }
  }

  @Test
  void anExplanationComputedOnDemandAgreesWithTheStoredOne() throws Exception {
    String firm = Tables.rows(db, "SELECT firm_id FROM transitions WHERE as_of = DATE '" + D2
        + "' ORDER BY firm_id LIMIT 1").get(0);
    JsonNode stored = explain(firm, D1, D2, "en");
    Path copy = dir.resolve("without-explanations.duckdb");
    Files.copy(db, copy);
    try (Connection c = Tables.open(copy, false); Statement st = c.createStatement()) {
      st.execute("DELETE FROM transitions");
      st.execute("DELETE FROM explanations");
    }
    CliRun r = CliRun.of("explain", "--db", copy.toString(), "--models", models.toString(), "--firm", firm,
        "--from", D1, "--to", D2, "--lang", "en", "--json");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode computed = r.json();
    assertThat(computed.get("source").asText()).isEqualTo("computed");
    for (String key : List.of("grade_from", "grade_to", "model_from", "model_to", "tier_from",
        "tier_to")) {
      assertThat(computed.get(key)).as(key).isEqualTo(stored.get(key));
    }
    for (String key : List.of("logit_from", "logit_to", "delta_logit", "model_effect")) {
      assertThat(computed.get(key).asDouble()).as(key)
          .isCloseTo(stored.get(key).asDouble(), within(1e-9));
    }
    Iterator<String> names = stored.get("contributions").fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      assertThat(computed.get("contributions").get(name).asDouble()).as(name)
          .isCloseTo(stored.get("contributions").get(name).asDouble(), within(1e-9));
    }
    assertThat(computed.get("reasons").size()).isEqualTo(stored.get("reasons").size());
  }

  @Test
  void explainComputesAnyTwoDatesIncludingOneNeverRefreshed() throws Exception {
    String firm = Tables.rows(db, "SELECT firm_id FROM grades WHERE as_of = DATE '" + D2
        + "' ORDER BY firm_id LIMIT 1 OFFSET 100").get(0);
    JsonNode j = explain(firm, D0, D2, "ja");
    assertThat(j.get("source").asText()).isEqualTo("computed");
    assertThat(j.get("grade_to").asText()).isEqualTo(Tables.rows(db,
        "SELECT grade FROM grades WHERE as_of = DATE '" + D2 + "' AND firm_id = " + firm).get(0));
    assertSums(j);
    CliRun text = CliRun.of("explain", "--db", db.toString(), "--models", models.toString(), "--firm",
        firm, "--from", D0, "--to", D2, "--lang", "en");
    assertThat(text.exitCode()).isZero();
    assertThat(text.stdout()).startsWith("firm " + firm + ": " + D0);
  }

  @Test
  void badInputExitsWithCodeTwoAndOneLineNamingTheProblem() {
    String firm = "1";
    List<List<String>> cases = new ArrayList<>();
    cases.add(List.of("explain", "--firm", "999999999", "--from", D1, "--to", D2));
    cases.add(List.of("explain", "--firm", firm, "--from", D2, "--to", D1));
    cases.add(List.of("explain", "--firm", firm, "--from", D2, "--to", D2));
    cases.add(List.of("explain", "--firm", firm, "--from", "2019-12-31", "--to", D2));
    cases.add(List.of("explain", "--firm", firm, "--from", D1, "--to", D2, "--lang", "fr"));
    cases.add(List.of("explain", "--firm", firm, "--from", "2025-02-30", "--to", D2));
    cases.add(List.of("refresh", "--as-of", "2030-01-31"));
    cases.add(List.of("refresh", "--as-of", "yesterday"));
    String[] expected = {"unknown firm 999999999", "must be before", "must be before",
        "2019-12-31", "unknown language 'fr'", "2025-02-30", "2030-01-31", "yesterday"};
    for (int i = 0; i < cases.size(); i++) {
      List<String> args = new ArrayList<>(cases.get(i));
      args.addAll(List.of("--db", db.toString(), "--models", models.toString()));
      CliRun r = CliRun.of(args.toArray(String[]::new));
      assertThat(r.exitCode()).as("%s: %s", args, r.stderr()).isEqualTo(2);
      assertThat(r.stderr().strip()).as("%s", args).doesNotContain("\n", "Exception", "\tat ")
          .contains(expected[i]);
    }
    CliRun missingDb = CliRun.of("refresh", "--db", dir.resolve("none.duckdb").toString(), "--models",
        models.toString(), "--as-of", D1);
    assertThat(missingDb.exitCode()).isEqualTo(2);
    assertThat(missingDb.stderr()).contains("database not found");
    CliRun noModels = CliRun.of("refresh", "--db", db.toString(), "--models", dir.toString(), "--as-of",
        D1);
    assertThat(noModels.exitCode()).isEqualTo(2);
    assertThat(noModels.stderr()).contains("has no CURRENT");
  }

  private JsonNode explain(String firm, String from, String to, String lang) throws Exception {
    CliRun r = CliRun.of("explain", "--db", db.toString(), "--models", models.toString(), "--firm", firm,
        "--from", from, "--to", to, "--lang", lang, "--json");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    JsonNode j = r.json();
    for (String key : List.of("firm_id", "grade_from", "grade_to", "logit_from", "logit_to",
        "delta_logit", "model_effect", "contributions", "reasons")) {
      assertThat(j.has(key)).as(key).isTrue();
    }
    List<String> names = new ArrayList<>();
    j.get("contributions").fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(FeatureCatalogue.current().names());
    return j;
  }

  private static void assertSums(JsonNode j) {
    double sum = j.get("model_effect").asDouble();
    for (JsonNode c : j.get("contributions")) {
      sum += c.asDouble();
    }
    assertThat(sum).isCloseTo(j.get("delta_logit").asDouble(), within(1e-6));
    assertThat(j.get("delta_logit").asDouble()).isCloseTo(
        j.get("logit_to").asDouble() - j.get("logit_from").asDouble(), within(1e-12));
  }
}
