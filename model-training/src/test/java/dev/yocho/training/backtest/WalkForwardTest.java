package dev.yocho.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.UsageException;
import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import dev.yocho.training.labels.Labels;
import dev.yocho.training.pipeline.TrainConfig;
import dev.yocho.training.pipeline.TrainResult;
import dev.yocho.training.pipeline.TrainingPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walk-forward retraining at a year boundary B uses only label windows complete by B: as-of dates
 * A with A + 365 days ≤ B. Checked on the plan, and on real training: deleting every fact after B
 * from a copy of the database leaves the trained trees and calibrations byte for byte the same.
 */
class WalkForwardTest {
  @TempDir Path dir;
  @TempDir static Path shared;
  static Path db;

  /**
   * A universe from 2019, at a 4% default rate: the thin tier (firms without a visible statement)
   * is a few percent of firm-months, and walk-forward models need twenty of its defaults.
   */
  @org.junit.jupiter.api.BeforeAll
  static void universe() {
    db = shared.resolve("wf.duckdb");
    UniverseGenerator.generate(new GeneratorConfig(5_000, LocalDate.of(2019, 1, 1),
        LocalDate.of(2025, 12, 31), 42, false, 0.04), db);
  }

  @Test
  void planUsesOnlyAsOfDatesWhoseLabelYearEndsByTheBoundary() {
    LocalDate dataFrom = LocalDate.of(2021, 1, 1);
    Map<LocalDate, WalkForward.Step> plan = WalkForward.plan(
        Labels.monthEnds(LocalDate.of(2023, 3, 1), LocalDate.of(2024, 12, 31)), dataFrom);
    assertThat(plan.keySet()).containsExactly(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 1, 1));
    for (WalkForward.Step s : plan.values()) {
      assertThat(s.ootTo().plusDays(365)).isBeforeOrEqualTo(s.boundary());
      assertThat(s.trainTo()).isBefore(s.ootFrom());
      assertThat(s.trainFrom()).isAfterOrEqualTo(dataFrom);
    }
    // B = 2023-01-01: labelled month-ends 2021-01 … 2021-12 (12): 8 to train, the last 4 out of time
    WalkForward.Step first = plan.get(LocalDate.of(2023, 1, 1));
    assertThat(first.trainFrom()).isEqualTo(LocalDate.of(2021, 1, 31));
    assertThat(first.trainTo()).isEqualTo(LocalDate.of(2021, 8, 31));
    assertThat(first.ootFrom()).isEqualTo(LocalDate.of(2021, 9, 30));
    assertThat(first.ootTo()).isEqualTo(LocalDate.of(2021, 12, 31));
    // B = 2024-01-01: 2021-01 … 2022-12 (24): 16 and 8
    WalkForward.Step second = plan.get(LocalDate.of(2024, 1, 1));
    assertThat(second.trainTo()).isEqualTo(LocalDate.of(2022, 4, 30));
    assertThat(second.ootTo()).isEqualTo(LocalDate.of(2022, 12, 31));
    // B = 2025-01-01 after a leap year: B − 365 days = 2024-01-02, so December 2023 is the last
    WalkForward.Step leap = WalkForward.step(LocalDate.of(2025, 1, 1), dataFrom);
    assertThat(leap.ootTo()).isEqualTo(LocalDate.of(2023, 12, 31));
    assertThat(leap.lastLabelledAsOf()).isEqualTo(LocalDate.of(2024, 1, 2));
    // B = 2022-01-01: no as-of date has a complete label year yet
    assertThatThrownBy(() -> WalkForward.step(LocalDate.of(2022, 1, 1), dataFrom))
        .isInstanceOf(UsageException.class).hasMessageContaining("2022-01-01");
  }

  @Test
  void trainingAtABoundaryIgnoresEveryFactAfterIt() throws Exception {
    Path cut = dir.resolve("cut.duckdb");
    Files.copy(db, cut);
    LocalDate boundary = LocalDate.of(2024, 1, 1);
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + cut);
        Statement st = conn.createStatement()) {
      String b = "DATE '" + boundary + "'";
      for (String sql : List.of(
          "DELETE FROM defaults WHERE default_on > " + b,
          "DELETE FROM closures WHERE closed_on > " + b,
          "DELETE FROM statements WHERE available_at > " + b,
          "DELETE FROM monthly_trial_balances WHERE available_at > " + b,
          "DELETE FROM inquiries WHERE day > " + b,
          "DELETE FROM events WHERE reported_on > " + b,
          "DELETE FROM guarantee_applications WHERE applied_on > " + b,
          "DELETE FROM firms WHERE founded_on > " + b)) {
        st.execute(sql);
      }
    }
    WalkForward.Step step = WalkForward.step(boundary, LocalDate.of(2019, 1, 1));
    TrainConfig config = step.apply(TrainConfig.defaults(TrainConfig.Algorithm.LOGIT));
    Path full = dir.resolve("models-full");
    Path truncated = dir.resolve("models-cut");
    TrainResult a = train(db, config, full);
    TrainResult b = train(cut, config, truncated);
    for (String file : List.of("full.trees.json", "thin.trees.json", "full.calibration.json",
        "thin.calibration.json")) {
      assertThat(Files.readAllBytes(b.bundle().resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(a.bundle().resolve(file)));
    }
    JsonNode provenance = new ObjectMapper().readTree(a.bundle().resolve("provenance.json").toFile());
    assertThat(provenance.get("oot_window").asText()).isEqualTo("2022-01-31/2022-12-31");
  }

  private static TrainResult train(Path db, TrainConfig config, Path models) throws Exception {
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db,
        BacktestTest.readOnly())) {
      return new TrainingPipeline(config).run(conn, models);
    }
  }

  @Test
  void walkForwardBacktestRecordsEachModelsProvenance() throws Exception {
    BacktestOptions options = BacktestOptions.of(LocalDate.of(2023, 11, 1),
        LocalDate.of(2024, 2, 29), true)
        .withTrainTemplate(TrainConfig.defaults(TrainConfig.Algorithm.LOGIT));
    Map<String, Object> metrics;
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db,
        BacktestTest.readOnly())) {
      metrics = new Backtest(options).run(conn, null, dir.resolve("wf"), true);
    }
    JsonNode m = new ObjectMapper().valueToTree(metrics);
    JsonNode models = m.get("models");
    assertThat(models).hasSize(2);
    assertThat(models.get(0).get("boundary").asText()).isEqualTo("2023-01-01");
    assertThat(models.get(0).get("train_window").asText()).isEqualTo("2019-01-31/2020-12-31");
    assertThat(models.get(0).get("oot_window").asText()).isEqualTo("2021-01-31/2021-12-31");
    assertThat(models.get(1).get("boundary").asText()).isEqualTo("2024-01-01");
    assertThat(models.get(1).get("oot_window").asText()).isEqualTo("2022-01-31/2022-12-31");
    assertThat(models.get(1).get("last_labelled_as_of").asText()).isEqualTo("2023-01-01");
    // each date is scored by its year's model, whose bundle is kept with the report
    JsonNode perDate = m.get("per_date");
    assertThat(perDate).hasSize(4);
    assertThat(perDate.get(0).get("model_version").asText())
        .isEqualTo(models.get(0).get("model_version").asText());
    assertThat(perDate.get(3).get("model_version").asText())
        .isEqualTo(models.get(1).get("model_version").asText());
    for (JsonNode model : models) {
      assertThat(dir.resolve("wf").resolve("models").resolve(model.get("model_version").asText())
          .resolve("provenance.json")).exists();
    }
  }
}
