package dev.yocho.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.Cli;
import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import dev.yocho.training.cli.TrainingMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning curve compares models on the same firms: the incumbents of the smallest universe
 * must be the same firms, fact for fact, in a larger one, and the bench must evaluate every
 * universe's model on exactly those firms' out-of-time rows.
 */
class BenchLearningCurveTest {
  @TempDir static Path dir;

  @BeforeAll
  static void universes() {
    for (int n : new int[] {1500, 3000}) {
      UniverseGenerator.generate(GeneratorConfig.defaults().withFirms(n),
          BenchLearningCurve.universe(dir, n));
    }
  }

  @Test
  void theSmallestUniversesIncumbentsAreTheSameFirmsInALargerOne() throws Exception {
    long below = BenchLearningCurve.commonFirmsBelow(1500);
    String facts = "SELECT count(*) || ' ' || sum(hash(s)) FROM (SELECT * FROM statements"
        + " UNION ALL BY NAME SELECT * FROM events) s WHERE firm_id %s " + below;
    assertThat(query(1500, facts.formatted("<"))).isEqualTo(query(3000, facts.formatted("<")));
    // the first entrant of the small universe is an incumbent, another firm, in the large one
    String founded = "SELECT founded_on FROM firms WHERE firm_id = " + below;
    assertThat(query(1500, founded)).isNotEqualTo(query(3000, founded));
  }

  @Test
  void everyUniversesModelIsScoredOnTheSameFirmMonths() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Cli.execute(new TrainingMain(), "bench", "learning-curve", "--sizes", "3000,1500",
          "--dir", dir.toString(), "--algo", "logit", "--json");
    } finally {
      System.setOut(saved);
    }
    assertThat(code).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("protocol").asText()).isEqualTo("honest (purged) out of time");
    JsonNode u = json.get("universes");
    assertThat(u).hasSize(2);
    assertThat(u.get(0).get("firms").asInt()).isEqualTo(1500);
    assertThat(u.get(1).get("firms").asInt()).isEqualTo(3000);
    // the same evaluation rows and labels for both models
    assertThat(u.get(1).get("evaluation_rows").asInt()).isEqualTo(u.get(0).get("evaluation_rows")
        .asInt()).isPositive();
    assertThat(u.get(1).get("evaluation_defaults").asInt())
        .isEqualTo(u.get(0).get("evaluation_defaults").asInt());
    assertThat(u.get(1).get("oracle_auc").asDouble()).isEqualTo(u.get(0).get("oracle_auc")
        .asDouble());
    // the larger universe trained on more rows
    assertThat(u.get(1).get("training_rows").get("full").asInt())
        .isGreaterThan(u.get(0).get("training_rows").get("full").asInt());
    assertThat(json.get("auc_gap_to_largest").asDouble()).isEqualTo(
        u.get(1).get("auc").asDouble() - u.get(0).get("auc").asDouble());
  }

  private static String query(int firms, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"
        + BenchLearningCurve.universe(dir, firms));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
