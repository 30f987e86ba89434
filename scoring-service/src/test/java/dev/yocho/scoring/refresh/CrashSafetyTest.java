package dev.yocho.scoring.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.cli.ScoringMain;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.GoldenUniverse;
import dev.yocho.scoring.testing.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real refresh process (a child JVM running {@link ScoringMain} with the test classpath)
 * at several moments, from before the features are computed to inside the write transaction, and
 * checks that the refresh tables then hold either the previous state or the complete new day,
 * never a part, and that the next run completes with exactly the day an uninterrupted run writes.
 *
 * <p>The previous state has the date graded by the scorecard bundle; the killed run re-grades it
 * with the GBM bundle, so the two states differ in every grades row of the date.
 */
class CrashSafetyTest {
  static final LocalDate D1 = LocalDate.of(2025, 1, 31);
  static final LocalDate D2 = LocalDate.of(2025, 2, 28);

  /** A stage line of the child's standard error to wait for, and how long to wait after it. */
  record KillPoint(String stage, long delayMillis) {}

  static final List<KillPoint> KILL_POINTS = List.of(
      new KillPoint("computing features", 0),
      new KillPoint("scoring", 0),
      new KillPoint("explaining", 0),
      new KillPoint("writing", 0),
      new KillPoint("transaction open", 0),
      new KillPoint("transaction open", 20),
      new KillPoint("transaction open", 80),
      new KillPoint("committed", 0));

  @TempDir Path dir;

  @Test
  void aKilledRefreshLeavesThePreviousStateOrTheCompleteNewDayAndTheNextRunCompletes()
      throws Exception {
    Path pristine = GoldenUniverse.generate(dir);
    Path models = GoldenUniverse.modelsRoot(dir, GoldenUniverse.LOGIT);
    inProcessRefresh(pristine, models, D1);
    inProcessRefresh(pristine, models, D2);
    List<String> previous = Tables.refreshState(pristine);
    GoldenUniverse.setCurrent(models, GoldenUniverse.GBM);
    Path reference = copy(pristine, dir.resolve("reference.duckdb"));
    inProcessRefresh(reference, models, D2);
    List<String> complete = Tables.refreshState(reference);
    assertThat(complete).isNotEqualTo(previous);
    assertThat(previousDay(complete)).isEqualTo(previousDay(previous));

    List<String> outcomes = new ArrayList<>();
    for (int attempt = 0; attempt < KILL_POINTS.size(); attempt++) {
      KillPoint point = KILL_POINTS.get(attempt);
      Path db = copy(pristine, dir.resolve("attempt-" + attempt + ".duckdb"));
      boolean killed = runAndKill(db, models, point, dir.resolve("attempt-" + attempt + ".out"));
      List<String> state = Tables.refreshState(db);
      boolean isPrevious = state.equals(previous);
      boolean isComplete = state.equals(complete);
      assertThat(isPrevious || isComplete)
          .as("after a kill at '%s' + %d ms the tables hold %d rows: neither the previous state"
              + " (%d rows) nor the complete day (%d rows)", point.stage(), point.delayMillis(),
              state.size(), previous.size(), complete.size())
          .isTrue();
      outcomes.add(point + (killed ? " killed, " : " finished, ") + (isPrevious ? "previous"
          : "complete"));
      // the next run completes: the last attempt through the CLI in a child JVM, others in-process
      if (attempt == KILL_POINTS.size() - 1) {
        Process p = child(db, models, dir.resolve("final.out")).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> out = Files.readAllLines(dir.resolve("final.out"));
        assertThat(out.get(out.size() - 1))
            .startsWith("{\"as_of\":\"" + D2 + "\",\"firms\":")
            .contains("\"upgrades\":", "\"downgrades\":", "\"seconds\":");
      } else {
        inProcessRefresh(db, models, D2);
      }
      assertThat(Tables.difference(Tables.refreshState(db), complete))
          .as("after the run that followed %s", point).isEmpty();
    }
    System.out.println("CrashSafetyTest outcomes: " + outcomes);
    // the early kill points are before the transaction opens: the previous state must survive
    assertThat(outcomes.get(0)).endsWith("killed, previous");
    assertThat(outcomes.get(1)).endsWith("killed, previous");
    // and a kill once the commit is reported must find the complete day
    assertThat(outcomes.get(outcomes.size() - 1)).endsWith("complete");
  }

  /** Starts a refresh child, waits for {@code point}, kills it; false when it finished first. */
  private static boolean runAndKill(Path db, Path models, KillPoint point, Path stdout)
      throws IOException, InterruptedException {
    Process process = child(db, models, stdout).redirectErrorStream(false).start();
    boolean killed = false;
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        if (line.contains(point.stage())) {
          if (point.delayMillis() > 0) {
            Thread.sleep(point.delayMillis());
          }
          killed = process.isAlive();
          process.destroyForcibly();
          break;
        }
      }
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    return killed;
  }

  private static ProcessBuilder child(Path db, Path models, Path stdout) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        ScoringMain.class.getName(), "refresh", "--db", db.toString(), "--models",
        models.toString(), "--as-of", D2.toString(), "--json")
        .redirectOutput(stdout.toFile());
  }

  private static void inProcessRefresh(Path db, Path models, LocalDate asOf) throws SQLException {
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection c = Tables.open(db, false)) {
      new RefreshJob(store, line -> { }, 1).run(c, asOf);
    }
  }

  private static List<String> previousDay(List<String> state) {
    return state.stream().filter(r -> r.split(" \\| ")[1].equals(D1.toString())).toList();
  }

  private static Path copy(Path db, Path target) throws IOException {
    Files.copy(db, target, StandardCopyOption.REPLACE_EXISTING);
    Path wal = Path.of(db + ".wal");
    if (Files.exists(wal)) {
      Files.copy(wal, Path.of(target + ".wal"), StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
