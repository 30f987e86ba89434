package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.cli.Cli;
import dev.yocho.features.cli.FeaturesMain;
import dev.yocho.features.model.Schema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during an ingest leaves the previous state: a second process ingests a large
 * batch into a database that already holds one, and is killed while its transaction is being
 * written (its WAL growing); the database then opens with exactly the first batch's rows and
 * batches, and the same batch ingested again lands whole.
 */
class IngestKillTest {
  @TempDir Path dir;

  @Test
  void aKilledIngestLeavesThePreviousStateAndTheBatchLandsWholeAfterwards() throws Exception {
    Path source = dir.resolve("generated.duckdb");
    UniverseGenerator.generate(GeneratorConfig.defaults().withFirms(3_000).withTruth(false),
        source);
    Path firstBatch = Files.createDirectories(dir.resolve("batches/2025-12-31"));
    Path secondBatch = Files.createDirectories(dir.resolve("late/2025-12-31"));
    for (String t : Schema.OBSERVABLE_TABLES) {
      // the firms first; every fact table in the second, large batch
      Path out = (t.equals("firms") || t.equals("dataset_info") ? firstBatch : secondBatch)
          .resolve(t + ".csv");
      assertThat(run("export", "--db", source.toString(), "--table", t, "--out", out.toString()))
          .isZero();
    }
    Path db = dir.resolve("target.duckdb");
    assertThat(run("ingest", "--db", db.toString(), "--knowledge-date", "2025-12-31",
        firstBatch.toString())).isZero();
    Map<String, String> before = digest(db);

    // What the batch gives when it lands: the same ingest on a copy, in this process
    Path copy = dir.resolve("copy.duckdb");
    Files.copy(db, copy);
    assertThat(run("ingest", "--db", copy.toString(), "--knowledge-date", "2025-12-31",
        secondBatch.toString())).isZero();
    Map<String, String> landed = digest(copy);

    Path wal = Path.of(db + ".wal");
    long initialSize = Files.size(db);
    int killedMidBatch = 0;
    for (int attempt = 0; attempt < 6 && killedMidBatch == 0; attempt++) {
      java.lang.Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"),
          FeaturesMain.class.getName(), "ingest", "--db", db.toString(), "--knowledge-date",
          "2025-12-31", secondBatch.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
      // wait until the ingest writes (the file grows or a WAL appears), then kill without warning
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (child.isAlive() && System.nanoTime() < deadline
          && Files.size(db) <= initialSize && !Files.exists(wal)) {
        Thread.sleep(2);
      }
      boolean writing = child.isAlive() && (Files.size(db) > initialSize || Files.exists(wal));
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Map<String, String> state = digest(db);
      // whenever the kill came, the batch landed whole or not at all
      assertThat(state).as("attempt " + attempt).isIn(before, landed);
      if (state.equals(before)) {
        assertThat(writing).as("killed while writing, not before it began or after it failed: "
            + Files.readString(dir.resolve("child.log"))).isTrue();
        killedMidBatch++;
      } else {
        // it committed before the kill: start again from the first batch alone
        Files.deleteIfExists(db);
        Files.deleteIfExists(wal);
        assertThat(run("ingest", "--db", db.toString(), "--knowledge-date", "2025-12-31",
            firstBatch.toString())).isZero();
        initialSize = Files.size(db);
      }
    }
    assertThat(killedMidBatch).as("an ingest killed while writing its batch").isEqualTo(1);
    assertThat(digest(db)).as("the previous state").isEqualTo(before);

    assertThat(run("ingest", "--db", db.toString(), "--knowledge-date", "2025-12-31",
        secondBatch.toString())).isZero();
    Map<String, String> after = digest(db);
    Map<String, String> expected = digest(source);
    for (String t : Schema.OBSERVABLE_TABLES) {
      if (!t.equals("dataset_info")) {
        assertThat(after.get(t)).as(t).isEqualTo(expected.get(t));
      }
    }
    assertThat(after.get("ingest_batches")).startsWith("2 ");
  }

  private static int run(String... args) {
    PrintStream oldOut = System.out;
    try {
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      return Cli.execute(new FeaturesMain(), args);
    } finally {
      System.setOut(oldOut);
    }
  }

  /** Per table: row count and an order-independent hash of every row. */
  private static Map<String, String> digest(Path db) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> tables = new ArrayList<>(Schema.OBSERVABLE_TABLES);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE"
          + " table_name = 'ingest_batches'")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          tables.add("ingest_batches");
        }
      }
      for (String t : tables) {
        String columns = t.equals("ingest_batches") ? "batch_id" : "*";
        try (ResultSet rs = st.executeQuery("SELECT count(*) || ' ' || coalesce(sum(hash(r)), 0)"
            + " FROM (SELECT " + columns + " FROM " + t + ") r")) {
          rs.next();
          out.put(t, rs.getString(1));
        }
      }
    }
    return out;
  }
}
