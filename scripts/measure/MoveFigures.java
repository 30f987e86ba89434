// Measurement used for README figures (issue 15); run from the repository root:
//   java -cp scoring-service/target/yocho-scoring-service.jar scripts/measure/MoveFigures.java DB
// (a single-file Java program; DB is an absolute path to a yocho DuckDB file, opened read-only)
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.features.catalogue.FeatureCatalogue;
import java.sql.*;
import java.util.*;

/** Figures of issue 15 over a refreshed database: big moves from small margin changes, contradicting reasons. */
public class MoveFigures {
  public static void main(String[] a) throws Exception {
    ObjectMapper json = new ObjectMapper();
    FeatureCatalogue cat = FeatureCatalogue.current();
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + a[0], p); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT as_of), count(*) FROM grades")) {
        rs.next(); System.out.println("refreshed dates " + rs.getLong(1) + ", grades " + rs.getLong(2));
      }
      String q = "SELECT count(*), count(*) FILTER (WHERE abs(t.notches) >= 2),"
          + " count(*) FILTER (WHERE abs(t.notches) >= 2 AND abs(e.logit_to - e.logit_from) < 0.5),"
          + " count(*) FILTER (WHERE abs(t.notches) >= 2 AND abs(e.logit_to - e.logit_from) < 0.1),"
          + " count(*) FILTER (WHERE e.model_effect <> 0), max(abs(t.notches)) FILTER (WHERE abs(e.logit_to - e.logit_from) < 0.5)"
          + " FROM transitions t JOIN explanations e USING (as_of, firm_id)";
      try (ResultSet rs = st.executeQuery(q)) {
        rs.next();
        System.out.printf("transitions %d, moves >= 2 notches %d, of which margin change < 0.5: %d (< 0.1: %d); model changes %d; max notches for a margin change < 0.5: %d%n",
            rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
      }
      Map<String, int[]> byFeature = new TreeMap<>();
      int directed = 0, wrong = 0;
      try (ResultSet rs = st.executeQuery("SELECT reasons FROM explanations")) {
        while (rs.next()) {
          for (JsonNode r : json.readTree(rs.getString(1))) {
            String f = r.get("feature").asText();
            int d = cat.get(cat.require(f)).direction();
            if (d == 0 || r.get("value_from").isNull() || r.get("value_to").isNull()) continue;
            int change = Float.compare((float) r.get("value_to").asDouble(), (float) r.get("value_from").asDouble());
            double contribution = r.get("contribution").asDouble();
            boolean bad = d * change * Math.signum(contribution) < 0 || (change == 0 && contribution != 0);
            directed++;
            int[] k = byFeature.computeIfAbsent(f, x -> new int[2]);
            k[0]++;
            if (bad) { wrong++; k[1]++; }
          }
        }
      }
      System.out.printf("stored reasons citing a directed feature (both values present): %d, contradicting: %d (%.1f%%)%n", directed, wrong, 100.0 * wrong / Math.max(1, directed));
      byFeature.entrySet().stream().filter(e -> e.getValue()[1] > 0).sorted((x, y) -> y.getValue()[1] - x.getValue()[1]).limit(8)
          .forEach(e -> System.out.printf("  %-40s %d of %d (%.0f%%)%n", e.getKey(), e.getValue()[1], e.getValue()[0], 100.0 * e.getValue()[1] / e.getValue()[0]));
    }
  }
}
