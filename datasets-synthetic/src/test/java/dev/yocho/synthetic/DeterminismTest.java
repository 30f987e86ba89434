package dev.yocho.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.yocho.features.model.Schema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One seed reproduces the tables exactly, whatever the thread count; another seed does not. */
class DeterminismTest {
  private static final GeneratorConfig SMALL = GeneratorConfig.defaults().withFirms(700)
      .withWindow(LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31));

  @TempDir Path dir;

  @Test
  void sameConfigGivesIdenticalTablesOnOneOrTwoThreads() throws Exception {
    Path a = dir.resolve("a.duckdb");
    Path b = dir.resolve("b.duckdb");
    new UniverseGenerator(SMALL, 1).generate(a, false, n -> { });
    new UniverseGenerator(SMALL, 2).generate(b, false, n -> { });
    List<String> differing = differingTables(a, b);
    assertThat(differing).isEmpty();
  }

  @Test
  void anotherSeedGivesAnotherUniverse() throws Exception {
    Path a = dir.resolve("a.duckdb");
    Path b = dir.resolve("b.duckdb");
    new UniverseGenerator(SMALL, 2).generate(a, false, n -> { });
    new UniverseGenerator(SMALL.withSeed(7), 2).generate(b, false, n -> { });
    assertThat(differingTables(a, b)).contains("firms", "statements", "inquiries", "truth_pd");
  }

  /** Tables whose contents differ (as multisets of rows, in both directions). */
  private static List<String> differingTables(Path a, Path b) throws Exception {
    List<String> tables = new ArrayList<>(Schema.OBSERVABLE_TABLES);
    tables.add("truth_pd");
    List<String> differing = new ArrayList<>();
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = conn.createStatement()) {
      st.execute("ATTACH '" + a + "' AS a (READ_ONLY)");
      st.execute("ATTACH '" + b + "' AS b (READ_ONLY)");
      for (String t : tables) {
        String sql = "SELECT (SELECT count(*) FROM (SELECT * FROM a." + t + " EXCEPT ALL SELECT * FROM b." + t + "))"
            + " + (SELECT count(*) FROM (SELECT * FROM b." + t + " EXCEPT ALL SELECT * FROM a." + t + "))"
            + ", (SELECT count(*) FROM a." + t + ")";
        try (ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          if (rs.getLong(1) != 0) {
            differing.add(t);
          }
          if (!t.equals("dataset_info")) {
            assertThat(rs.getLong(2)).as("rows in %s", t).isPositive();
          }
        }
      }
    }
    return differing;
  }
}
