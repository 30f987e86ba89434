package dev.yocho.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.Cli;
import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import dev.yocho.training.cli.TrainingMain;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.pipeline.TrainResult;
import dev.yocho.training.pipeline.TrainingPipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code yocho backtest} end to end on a small generated universe with a real trained bundle: the
 * numbers against an independent count of the population, the report's charts, determinism, bad
 * input, reproduction and the tabular section.
 */
class BacktestTest {
  @TempDir static Path shared;
  static Path db;
  static Path models;
  static String version;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

  @BeforeAll
  static void universeAndBundle() throws Exception {
    db = shared.resolve("small.duckdb");
    UniverseGenerator.generate(GeneratorConfig.defaults().withFirms(3_000), db);
    models = shared.resolve("models");
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly())) {
      TrainResult r = new TrainingPipeline(TrainConfig.defaults(TrainConfig.Algorithm.LOGIT))
          .run(conn, models);
      version = r.modelVersion();
    }
  }

  static Properties readOnly() {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return p;
  }

  @BeforeEach
  void capture() {
    savedOut = System.out;
    savedErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(savedOut);
    System.setErr(savedErr);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Cli.execute(new TrainingMain(), args);
  }

  private JsonNode lastJson() throws Exception {
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    return new ObjectMapper().readTree(lines[lines.length - 1]);
  }

  @Test
  void backtestWritesEveryNumberAndAnOfflineReportWithEveryChart() throws Exception {
    Path report = dir.resolve("report");
    int code = run("backtest", "--db", db.toString(), "--models", models.toString(), "--from",
        "2023-10-01", "--to", "2024-12-31", "--report", report.toString(), "--json");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode json = lastJson();
    assertThat(json.get("auc").asDouble()).isBetween(0.6, 1.0);
    assertThat(json.get("report").asText()).endsWith("report.html");
    assertThat(json.get("seconds").asDouble()).isPositive();

    JsonNode m = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
    JsonNode perDate = m.get("per_date");
    assertThat(perDate).hasSize(15);
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db, readOnly())) {
      long pooledFirms = 0;
      long pooledDefaults = 0;
      for (JsonNode d : perDate) {
        LocalDate asOf = LocalDate.parse(d.get("as_of").asText());
        long[] expected = population(conn, asOf);
        // DESIGN section 4's population and censoring, counted independently in SQL
        assertThat(d.get("live").asLong()).as("live at " + asOf).isEqualTo(expected[0]);
        assertThat(d.get("firms").asLong()).as("labelled at " + asOf).isEqualTo(expected[1]);
        assertThat(d.get("defaults").asLong()).as("defaults at " + asOf).isEqualTo(expected[2]);
        assertThat(d.get("auc").asDouble()).isBetween(0.5, 1.0);
        assertThat(d.get("auc_ci95").get(0).asDouble()).isLessThan(d.get("auc").asDouble());
        assertThat(d.get("oracle_auc").asDouble()).isBetween(0.6, 1.0);
        assertThat(d.get("pd_mae").asDouble()).isBetween(0.0, 0.2);
        assertThat(d.get("grades")).hasSize(10);
        assertThat(d.get("psi_features")).hasSize(dev.yocho.features.catalogue.FeatureCatalogue
            .current().size());
        long sum = 0;
        for (JsonNode g : d.get("grades")) {
          sum += g.get("firms").asLong();
        }
        assertThat(sum).isEqualTo(d.get("firms").asLong());
        pooledFirms += expected[1];
        pooledDefaults += expected[2];
      }
      assertThat(m.get("pooled").get("firm_months").asLong()).isEqualTo(pooledFirms);
      assertThat(m.get("pooled").get("defaults").asLong()).isEqualTo(pooledDefaults);
    }
    // DESIGN section 13: the bundle was fitted on as-of dates up to 2023-06-30, whose labels end
    // on 2024-06-29; a date's figures are honest only when its own label window starts after that
    LocalDate lastTrainingLabel = TrainConfig.defaults(TrainConfig.Algorithm.LOGIT).trainTo()
        .plusDays(365);
    long honestFirms = 0;
    java.util.List<String> honestDates = new java.util.ArrayList<>();
    for (JsonNode d : perDate) {
      LocalDate asOf = LocalDate.parse(d.get("as_of").asText());
      boolean overlap = asOf.isBefore(lastTrainingLabel);
      assertThat(d.get("labels_overlap_training").asBoolean()).as("overlap at " + asOf)
          .isEqualTo(overlap);
      if (!overlap) {
        honestFirms += d.get("firms").asLong();
        honestDates.add(asOf.toString());
      }
      assertThat(d.get("oracle_capture_1pct").asDouble()).isBetween(0.0, 1.0);
      assertThat(d.get("oracle_capture_10pct").asDouble())
          .isBetween(d.get("oracle_capture_1pct").asDouble(), 1.0);
      assertThat(d.get("oracle_gap").asDouble()).isCloseTo(
          d.get("oracle_auc").asDouble() - d.get("auc").asDouble(),
          org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(honestDates).hasSize(7).first().isEqualTo("2024-06-30");
    JsonNode honest = m.get("honest");
    assertThat(honest.get("firm_months").asLong()).isEqualTo(honestFirms);
    assertThat(honest.get("dates")).extracting(JsonNode::asText)
        .containsExactlyElementsOf(honestDates);
    assertThat(honest.get("excluded_dates_labels_overlap_training")).hasSize(15 - 7);
    assertThat(json.get("auc").asDouble()).isEqualTo(honest.get("auc").asDouble());
    assertThat(json.get("auc_all_dates").asDouble()).isEqualTo(m.get("pooled").get("auc").asDouble());
    assertThat(json.get("honest_dates").asInt()).isEqualTo(7);
    String page = Files.readString(report.resolve("report.html"));
    assertThat(page).contains("Headline: honest out of time", "2024-06-30 to 2024-12-31",
        "8 dates are left out because their labels overlap training",
        "2024-05-31 (labels overlap training)");
    // the first date is the AUC test's reference: z = 0 there
    assertThat(perDate.get(0).get("auc_decline_vs_first").get("z").asDouble()).isZero();
    // 2023-10 … 2023-12 each have a date twelve months later
    assertThat(m.get("migrations").get("annual")).hasSize(3);
    assertThat(m.get("migrations").get("pooled").get("mwb_upper").asDouble()).isBetween(0.0, 1.0);
    assertThat(m.get("models").get(0).get("model_version").asText()).isEqualTo(version);
    assertThat(m.get("models").get(0).get("oot_auc").asDouble()).isBetween(0.5, 1.0);

    String html = Files.readString(report.resolve("report.html"));
    for (String chart : new String[] {"ROC", "CAP", "AUC over time", "calibration",
        "PSI heat map", "grade distribution", "migration matrix"}) {
      assertThat(html).contains("<figure data-chart=\"" + chart + "\"><svg");
    }
    Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
    int charts = 0;
    while (svg.find()) {
      Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8)));
      int marks = doc.getElementsByTagName("path").getLength()
          + doc.getElementsByTagName("rect").getLength()
          + doc.getElementsByTagName("circle").getLength()
          + doc.getElementsByTagName("line").getLength();
      // more than a background and axes: the data is drawn
      assertThat(marks).as("drawn elements of chart " + charts).isGreaterThan(8);
      charts++;
    }
    assertThat(charts).isEqualTo(7);
    String lower = html.toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("http://", "https://", "<script", "<img", "<link", "url(",
        "@import");

    // same data, same bundle: identical metrics.json
    Path again = dir.resolve("again");
    assertThat(run("backtest", "--db", db.toString(), "--models", models.toString(), "--from",
        "2023-10-01", "--to", "2024-12-31", "--report", again.toString(), "--json")).isZero();
    assertThat(Files.readAllBytes(again.resolve("metrics.json")))
        .isEqualTo(Files.readAllBytes(report.resolve("metrics.json")));
    assertThat(Files.readString(again.resolve("report.html"))).isEqualTo(html);
  }

  /** Live firms, labelled (uncensored) firms and their defaults at {@code d}, by plain SQL. */
  private static long[] population(Connection conn, LocalDate d) throws Exception {
    String sql = """
        WITH live AS (
          SELECT f.firm_id,
            (SELECT min(default_on) FROM defaults x WHERE x.firm_id = f.firm_id) AS def,
            (SELECT min(closed_on) FROM closures x WHERE x.firm_id = f.firm_id) AS clo
          FROM firms f WHERE f.founded_on <= ?)
        SELECT count(*),
          count(*) FILTER (WHERE NOT (clo IS NOT NULL AND clo <= CAST(? AS DATE) + 365
                                      AND (def IS NULL OR def > clo))),
          count(*) FILTER (WHERE def IS NOT NULL AND def <= CAST(? AS DATE) + 365)
        FROM live
        WHERE (def IS NULL OR def > ?) AND (clo IS NULL OR clo > ?)
        """;
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      for (int i = 1; i <= 5; i++) {
        ps.setObject(i, d);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
      }
    }
  }

  @Test
  void badInputExitsTwoWithOneLineNamingTheProblem() throws Exception {
    String[] base = {"backtest", "--db", db.toString(), "--models", models.toString(),
        "--report", dir.resolve("bad").toString()};
    expectUsage(base, new String[] {"--from", "2024-06-30", "--to", "2024-01-31"}, "must be before");
    expectUsage(base, new String[] {"--from", "2024-06-30", "--to", "2024-06-30"}, "must be before");
    expectUsage(base, new String[] {"--from", "2019-01-01", "--to", "2023-12-31"},
        "outside the data window");
    expectUsage(base, new String[] {"--from", "2024-01-01", "--to", "2025-06-30"},
        "labels are complete");
    expectUsage(new String[] {"backtest", "--db", dir.resolve("none.duckdb").toString()},
        new String[] {"--from", "2024-01-01", "--to", "2024-06-30"}, "database not found");
    // a bundle made for another feature catalogue
    Path copy = dir.resolve("other-catalogue");
    Files.createDirectories(copy);
    try (var files = Files.list(models.resolve(version))) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(f.getFileName()));
      }
    }
    Path manifest = copy.resolve("manifest.json");
    String text = Files.readString(manifest);
    JsonNode parsed = new ObjectMapper().readTree(text);
    Files.writeString(manifest, text.replace(parsed.get("catalogueVersion").asText(),
        "fc-0000000000000000"));
    expectUsage(new String[] {"backtest", "--db", db.toString(), "--models", copy.toString(),
        "--report", dir.resolve("bad").toString()},
        new String[] {"--from", "2024-01-01", "--to", "2024-06-30"}, "catalogue");
    assertThat(dir.resolve("bad").resolve("metrics.json")).doesNotExist();
  }

  private void expectUsage(String[] base, String[] extra, String message) {
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base),
        java.util.Arrays.stream(extra)).toArray(String[]::new);
    int code = run(args);
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(code).as(stderr).isEqualTo(2);
    assertThat(stderr.strip()).contains(message).doesNotContain("\n").doesNotContain("Exception");
  }

  @Test
  void reproduceRetrainsFromProvenanceWithZeroDifferences() throws Exception {
    int code = run("backtest", "--db", db.toString(), "--reproduce",
        models.resolve(version).toString(), "--json");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode json = lastJson();
    assertThat(json.get("same_version").asBoolean()).isTrue();
    assertThat(json.get("data_matches").asBoolean()).isTrue();
    assertThat(json.get("trees_identical").asBoolean()).isTrue();
    assertThat(json.get("all_files_identical").asBoolean()).isTrue();
    assertThat(json.get("max_abs_metric_difference").asDouble()).isZero();
    assertThat(json.get("metric_differences").size()).isGreaterThan(10);
  }

  @Test
  void tabularDataAddsACrossValidatedSection() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    StringBuilder csv = new StringBuilder("a,b,c,bad\n");
    for (int i = 0; i < 900; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      double c = random.nextGaussian();
      boolean y = random.nextDouble() < 1 / (1 + Math.exp(-(-2 + 1.5 * a - b)));
      csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%d%n", a, b, c, y ? 1 : 0));
    }
    Path data = dir.resolve("public.csv");
    Files.writeString(data, csv);
    Path report = dir.resolve("with-data");
    int code = run("backtest", "--db", db.toString(), "--models", models.toString(), "--from",
        "2024-10-01", "--to", "2024-12-31", "--report", report.toString(), "--data",
        data.toString(), "--label", "bad", "--folds", "3", "--seed", "7", "--gbm", "rounds=40",
        "--json");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode t = new ObjectMapper().readTree(report.resolve("metrics.json").toFile()).get("tabular");
    assertThat(t.get("rows").asInt()).isEqualTo(900);
    for (String algorithm : new String[] {"gbm", "logit"}) {
      assertThat(t.get("algorithms").get(algorithm).get("fold_aucs")).hasSize(3);
      assertThat(t.get("algorithms").get(algorithm).get("auc_mean").asDouble()).isGreaterThan(0.7);
    }
    String html = Files.readString(report.resolve("report.html"));
    assertThat(html).contains("Public data: cross-validated results")
        .contains("<figure data-chart=\"tabular folds\"><svg");
    // three month-ends: no pair a year apart, the report says so instead of drawing a matrix
    assertThat(html).contains("no two as-of dates twelve months apart");
  }
}
