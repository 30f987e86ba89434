package dev.yocho.training.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.Cli;
import dev.yocho.training.cli.TrainingMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularCvCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream savedOut;
  private PrintStream savedErr;

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

  /** A small bankruptcy-like table: an interaction the GBM can find, 10% missing cells. */
  private Path table(int rows) throws IOException {
    SplittableRandom random = new SplittableRandom(17);
    StringBuilder csv = new StringBuilder("x1,x2,x3,x4,default\n");
    for (int i = 0; i < rows; i++) {
      double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian(),
          random.nextGaussian()};
      double logit = -2.5 + 1.5 * x[0] + (x[1] > 0 && x[2] > 0 ? 2.0 : 0.0) - 0.5 * x[3];
      boolean label = random.nextDouble() < 1 / (1 + Math.exp(-logit));
      for (double v : x) {
        csv.append(random.nextDouble() < 0.1 ? "" : String.format(Locale.ROOT, "%.5f", v))
            .append(',');
      }
      csv.append(label ? "yes" : "no").append('\n');
    }
    Path file = dir.resolve("table.csv");
    Files.writeString(file, csv);
    return file;
  }

  private int run(String... args) {
    return Cli.execute(new TrainingMain(), args);
  }

  @Test
  void jsonIsTheLastLineWithBothAlgorithmsAuc() throws IOException {
    Path file = table(1500);
    int code = run("tabular-cv", "--data", file.toString(), "--label", "default",
        "--positive", "yes", "--folds", "3", "--seed", "5", "--gbm", "rounds=60", "--json");
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("rows").asInt()).isEqualTo(1500);
    assertThat(json.get("positives").asInt()).isBetween(200, 700);
    assertThat(json.get("seconds").asDouble()).isPositive();
    for (String algorithm : new String[] {"gbm", "logit"}) {
      JsonNode result = json.get("algorithms").get(algorithm);
      // A loose floor: the signal is strong, a broken pipeline scores about 0.5.
      assertThat(result.get("auc_mean").asDouble()).as(algorithm).isGreaterThan(0.75);
      assertThat(result.get("auc_sd").asDouble()).as(algorithm).isBetween(0.0, 0.1);
      assertThat(result.get("fold_aucs")).hasSize(3);
    }
    assertThat(json.get("algorithms").get("gbm").get("hyperparameters").get("rounds").asText())
        .isEqualTo("60");
    assertThat(json.get("algorithms").get("gbm").get("hyperparameters").get("seed").asText())
        .isEqualTo("5");
    assertThat(json.get("algorithms").get("gbm").get("selection").get("method").asText())
        .startsWith("fixed");
  }

  @Test
  void withoutAGivenConfigurationTheGbmIsChosenByNestedCrossValidation() throws IOException {
    Path file = table(900);
    String[] args = {"tabular-cv", "--data", file.toString(), "--label", "default",
        "--positive", "yes", "--folds", "3", "--inner-folds", "2", "--seed", "5", "--json"};
    assertThat(run(args)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
    JsonNode gbm = json.get("algorithms").get("gbm");
    JsonNode selection = gbm.get("selection");
    assertThat(selection.get("method").asText()).startsWith("nested");
    assertThat(selection.get("inner_folds").asInt()).isEqualTo(2);
    assertThat(selection.get("grid")).hasSize(GbmGrid.CANDIDATES.size());
    JsonNode outer = selection.get("outer_folds");
    assertThat(outer).hasSize(3);
    for (int f = 0; f < 3; f++) {
      JsonNode fold = outer.get(f);
      // the choice is the best mean inner AUC, the first candidate on a tie
      String best = null;
      double bestAuc = Double.NEGATIVE_INFINITY;
      for (GbmGrid.Candidate c : GbmGrid.CANDIDATES) {
        double auc = fold.get("inner_auc").get(c.name()).asDouble();
        if (auc > bestAuc) {
          bestAuc = auc;
          best = c.name();
        }
      }
      assertThat(fold.get("chosen").asText()).as("fold " + f).isEqualTo(best);
      // the reported fold AUC is the outer test fold's, the one that took no part in the choice
      assertThat(fold.get("auc").asDouble()).isEqualTo(gbm.get("fold_aucs").get(f).asDouble());
    }
    assertThat(gbm.get("auc_mean").asDouble()).isGreaterThan(0.75);
    // one seed, one answer
    out.reset();
    assertThat(run(args)).isZero();
    String[] again = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode second = new ObjectMapper().readTree(again[again.length - 1]);
    assertThat(second.get("algorithms").get("gbm").get("selection"))
        .isEqualTo(selection);
  }

  @Test
  void badInputIsOneLineOnStandardErrorAndExitCodeTwo() throws IOException {
    Path file = table(50);
    String[][] cases = {
        {"--data", dir.resolve("missing.csv").toString(), "--label", "default"},
        {"--data", file.toString(), "--label", "nope"},
        {"--data", file.toString(), "--label", "x1"},
        {"--data", file.toString(), "--label", "default", "--positive", "maybe"},
        {"--data", file.toString(), "--label", "default", "--positive", "yes", "--gbm",
            "depth=3"},
        {"--data", file.toString(), "--label", "default", "--positive", "yes", "--folds", "1"},
    };
    String[] expected = {"no such file", "no column 'nope'", "the label 'x1' is missing",
        "positive value 'maybe'", "unknown GBM hyperparameter 'depth'", "folds must be at least"};
    for (int c = 0; c < cases.length; c++) {
      err.reset();
      String[] args = new String[cases[c].length + 1];
      args[0] = "tabular-cv";
      System.arraycopy(cases[c], 0, args, 1, cases[c].length);
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
      String stderr = err.toString(StandardCharsets.UTF_8).strip();
      assertThat(stderr).as(String.join(" ", args)).contains(expected[c]).doesNotContain("\n")
          .doesNotContain("Exception");
    }
    Path text = dir.resolve("text.csv");
    Files.writeString(text, "a,b\n1,x\n0,2\n");
    err.reset();
    assertThat(run("tabular-cv", "--data", text.toString(), "--label", "a")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("yocho: " + text + " line 2: column 'b' has the non-numeric value 'x'");
  }
}
