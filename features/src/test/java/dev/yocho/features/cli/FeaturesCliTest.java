package dev.yocho.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Cli;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.TestUniverse;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.FeatureMatrix;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCliTest {
  private static final LocalDate AS_OF = LocalDate.of(2024, 6, 30);
  @TempDir static Path dir;
  private static Path db;

  @BeforeAll
  static void universe() throws Exception {
    db = dir.resolve("universe.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      TestUniverse.build(c, 300, 5L);
    }
  }

  record Run(int exitCode, String out, String err) {
    JsonNode json() throws Exception {
      String[] lines = out.strip().split("\n");
      return JsonOut.mapper().readTree(lines[lines.length - 1]);
    }
  }

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Cli.execute(new FeaturesMain(), args);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void catalogueJsonListsEveryFeatureWithItsDirectionAndReason() throws Exception {
    Run run = run("features", "--catalogue", "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    assertThat(json.get("catalogue_version").asText()).isEqualTo(catalogue.version());
    JsonNode features = json.get("features");
    assertThat(features.size()).isEqualTo(catalogue.size());
    for (int j = 0; j < catalogue.size(); j++) {
      JsonNode f = features.get(j);
      assertThat(f.get("name").asText()).isEqualTo(catalogue.get(j).name());
      assertThat(f.get("direction").asInt()).isEqualTo(catalogue.get(j).direction());
      assertThat(f.get("direction_reason").asText()).isEqualTo(catalogue.get(j).directionReason());
    }
    assertThat(features.get(catalogue.require("equity_ratio")).get("direction").asInt())
        .isEqualTo(-1);
    assertThat(features.get(catalogue.require("adverse_events_365d")).get("direction").asInt())
        .isEqualTo(1);

    Run text = run("features", "--catalogue");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains("equity_ratio").contains(catalogue.version());

    Run both = run("features", "--catalogue", "--as-of", AS_OF.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err().strip()).doesNotContain("\n").contains("--catalogue");
    Run neither = run("features", "--db", db.toString());
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("--as-of");
  }

  @Test
  void batchWritesParquetInCatalogueOrderAndReportsDataQuality() throws Exception {
    Path out = dir.resolve("features.parquet");
    Run run = run("features", "--db", db.toString(), "--as-of", AS_OF.toString(), "--out",
        out.toString(), "--json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = run.json();
    FeatureCatalogue catalogue = FeatureCatalogue.current();

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      FeatureMatrix expected;
      try (Connection source = DriverManager.getConnection("jdbc:duckdb:" + db)) {
        expected = new BatchFeatures().compute(source, AS_OF);
      }
      assertThat(json.get("firms").asLong()).isEqualTo(expected.rows()).isGreaterThan(100);
      assertThat(json.get("features").asInt()).isEqualTo(catalogue.size());
      assertThat(json.get("catalogue_version").asText()).isEqualTo(catalogue.version());
      assertThat(json.get("seconds").asDouble()).isPositive();

      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM read_parquet('" + out + "') ORDER BY firm_id")) {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          columns.add(meta.getColumnName(i));
        }
        List<String> expectedColumns = new ArrayList<>(List.of("firm_id"));
        expectedColumns.addAll(catalogue.names());
        assertThat(columns).isEqualTo(expectedColumns);
        int row = 0;
        while (rs.next()) {
          assertThat(rs.getLong(1)).isEqualTo(expected.firmId(row));
          for (int j = 0; j < catalogue.size(); j++) {
            double v = rs.getDouble(2 + j);
            double parquet = rs.wasNull() ? Double.NaN : v;
            assertThat(Double.valueOf(parquet)).as("%s", catalogue.get(j).name())
                .isEqualTo(Double.valueOf(expected.value(row, j)));
          }
          row++;
        }
        assertThat(row).isEqualTo(expected.rows());
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT decode(value) FROM parquet_kv_metadata('" + out
              + "') WHERE decode(key) = 'catalogue_version'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo(catalogue.version());
      }

      // the data-quality summary agrees with a count over the matrix
      JsonNode quality = json.get("data_quality");
      assertThat(quality.size()).isEqualTo(catalogue.size());
      for (int j = 0; j < catalogue.size(); j++) {
        int missing = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < expected.rows(); i++) {
          double v = expected.value(i, j);
          if (Double.isNaN(v)) {
            missing++;
          } else {
            max = Math.max(max, v);
          }
        }
        JsonNode q = quality.get(catalogue.get(j).name());
        assertThat(q.get("share_missing").asDouble())
            .isEqualTo(missing / (double) expected.rows());
        if (missing < expected.rows()) {
          assertThat(q.get("max").asDouble()).isEqualTo(max);
        } else {
          assertThat(q.get("max").isNull()).isTrue();
        }
      }
      assertThat(quality.get("cash_days_on_hand").get("share_winsorised").asDouble()).isPositive();
    }
  }

  @Test
  void singleFirmPrintsTheLabelledVectorAndItsJson() throws Exception {
    long firm;
    FeatureVector expected;
    try (Connection source = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      FeatureMatrix all = new BatchFeatures().compute(source, AS_OF);
      firm = all.firmId(all.rows() / 2);
      expected = new SingleFirmFeatures().compute(source, firm, AS_OF);
    }
    Run text = run("features", "--db", db.toString(), "--as-of", AS_OF.toString(), "--firm",
        Long.toString(firm));
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("総資本経常利益率", "ordinary profit to total capital",
        "tier " + expected.tier().code());

    Run json = run("features", "--db", db.toString(), "--as-of", AS_OF.toString(), "--firm",
        Long.toString(firm), "--json");
    assertThat(json.exitCode()).isZero();
    JsonNode node = json.json();
    assertThat(node.get("firms").asInt()).isEqualTo(1);
    assertThat(node.get("tier").asText()).isEqualTo(expected.tier().code());
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    for (int j = 0; j < catalogue.size(); j++) {
      JsonNode v = node.get("values").get(catalogue.get(j).name());
      if (Double.isNaN(expected.value(j))) {
        assertThat(v.isNull()).isTrue();
        assertThat(node.get("data_quality").get(catalogue.get(j).name()).get("share_missing")
            .asDouble()).isEqualTo(1.0);
      } else {
        assertThat(v.asDouble()).isEqualTo(expected.value(j));
      }
    }
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws Exception {
    long notLive;
    try (Connection source = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = source.createStatement();
        ResultSet rs = st.executeQuery("SELECT min(firm_id) FROM defaults WHERE default_on < DATE '"
            + AS_OF + "'")) {
      rs.next();
      notLive = rs.getLong(1);
    }
    String d = db.toString();
    String date = AS_OF.toString();
    assertBad(run("features", "--db", d, "--as-of", date, "--firm", "999999"),
        "unknown firm 999999");
    assertBad(run("features", "--db", d, "--as-of", date, "--firm", Long.toString(notLive)),
        "firm " + notLive + " is not live on " + date);
    assertBad(run("features", "--db", d, "--as-of", "2030-01-01"),
        "as-of 2030-01-01 is after the data, which are complete through 2025-12-31: ingest the"
            + " batches through 2030-01-01 first");
    assertBad(run("features", "--db", d, "--as-of", "2030-01-01", "--firm", "1"),
        "ingest the batches through 2030-01-01 first");
    assertBad(run("features", "--db", d, "--as-of", "2024-02-30"), "malformed --as-of '2024-02-30'");
    assertBad(run("features", "--db", d, "--as-of", "yesterday"), "malformed --as-of 'yesterday'");
    assertBad(run("features", "--db", dir.resolve("nope.duckdb").toString(), "--as-of", date),
        "database not found");
    assertBad(run("features", "--db", d), "--as-of");
  }

  private static void assertBad(Run run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).contains(message).doesNotContain("\n").doesNotContain("Exception");
  }
}
