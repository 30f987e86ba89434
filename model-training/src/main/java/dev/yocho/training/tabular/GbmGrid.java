package dev.yocho.training.tabular;

import dev.yocho.training.gbm.GbmConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GBM configurations the tabular mode chooses among by nested cross-validation, fixed in
 * advance and named. Each is the defaults ({@link GbmConfig#defaults()}: best-first trees of at
 * most 31 leaves, 300 rounds at η 0.05, minimum child hessian 0.1) with the listed overrides; the
 * grid spans tree size, learning rate and rounds, sampling and regularisation, the directions in
 * which public bankruptcy tables are known to differ.
 */
public final class GbmGrid {
  /** A named candidate. */
  public record Candidate(String name, Map<String, String> overrides) {
    public Candidate {
      overrides = Map.copyOf(overrides);
    }

    /** The candidate's configuration with {@code threads} and {@code seed}. */
    public GbmConfig config(int threads, long seed) {
      return GbmConfig.fromMap(overrides).withThreads(threads).withSeed(seed);
    }
  }

  /** The candidates, in the order ties are broken (the first wins). */
  public static final List<Candidate> CANDIDATES = List.of(
      new Candidate("leaves31", Map.of()),
      new Candidate("leaves15-r500", Map.of("maxLeaves", "15", "rounds", "500")),
      new Candidate("leaves63-eta03-r400",
          Map.of("maxLeaves", "63", "learningRate", "0.03", "rounds", "400")),
      new Candidate("depth6", Map.of("lossGuided", "false", "maxLeaves", "0", "maxDepth", "6")),
      new Candidate("leaves31-sample08",
          Map.of("subsample", "0.8", "columnSampleByTree", "0.8")),
      new Candidate("leaves31-hess1-l2",
          Map.of("minChildWeight", "1", "l2Regularisation", "1")));

  private GbmGrid() {}

  /** The grid as JSON: each candidate's name and overrides. */
  public static List<Map<String, Object>> toJson(List<Candidate> grid) {
    return grid.stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("overrides", new java.util.TreeMap<>(c.overrides()));
      return m;
    }).toList();
  }
}
