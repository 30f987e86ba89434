package dev.yocho.scoring.bench;

import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.scoring.http.ApiKeys;
import dev.yocho.scoring.http.ApiServer;
import dev.yocho.scoring.http.Role;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code yocho bench http}: the HTTP service under load from {@code wrk} on loopback, on a copy of
 * a refreshed database: {@code /health} (the cost of HTTP alone), explanations of stored
 * transitions rotating through many firms, and explanations computed on demand (date pairs the
 * refresh did not store), each with requests/s, p50 and p99 and the ratio to {@code /health}.
 */
@Command(name = "bench-http", mixinStandardHelpOptions = true,
    description = "HTTP benchmark with wrk (install: apt-get install wrk): /health, stored"
        + " explanations and on-demand explanations, 32 connections by default, on a temporary"
        + " copy of --db (a refreshed database, e.g. the demo's).")
public final class BenchHttpCommand implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "data/yocho.duckdb",
      description = "refreshed database to copy (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--models", defaultValue = "models", description = "models root (default: ${DEFAULT-VALUE})")
  Path models;

  @Option(names = "--connections", defaultValue = "32", description = "wrk connections (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(names = "--wrk-threads", defaultValue = "2", description = "wrk threads (default: ${DEFAULT-VALUE})")
  int wrkThreads;

  @Option(names = "--seconds", defaultValue = "20", description = "measured seconds per endpoint (default: ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--warmup", defaultValue = "5", description = "warm-up seconds per endpoint (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--firms", defaultValue = "2000",
      description = "distinct firms the explain scripts rotate through (default: ${DEFAULT-VALUE})")
  int firms;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String wrk = findOnPath("wrk");
    if (wrk == null) {
      throw new UsageException("wrk is not installed (Debian: apt-get install wrk); the HTTP"
          + " benchmark needs it as its load generator");
    }
    if (connections < 1 || connections > 1024 || wrkThreads < 1 || wrkThreads > connections
        || seconds < 1 || warmup < 0 || firms < 1) {
      throw new UsageException("--connections 1..1024, --wrk-threads 1..connections, --seconds"
          + " >= 1, --warmup >= 0, --firms >= 1");
    }
    if (!Files.isRegularFile(db)) {
      throw new UsageException("database not found: " + db + " (run ./yocho demo --no-serve"
          + " first)");
    }
    Path work = Files.createTempDirectory("yocho-bench-http");
    try {
      Path copy = work.resolve("bench.duckdb");
      Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
      Path wal = db.resolveSibling(db.getFileName() + ".wal");
      if (Files.exists(wal)) {
        Files.copy(wal, work.resolve("bench.duckdb.wal"));
      }
      Pairs pairs = pairs(copy);
      Path keys = work.resolve("keys.json");
      String secret = ApiKeys.add(keys, "bench", Role.VIEWER, Instant.now()).secret();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("benchmark", "http");
      out.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
      out.put("cores", Runtime.getRuntime().availableProcessors());
      out.put("connections", connections);
      out.put("wrk_threads", wrkThreads);
      out.put("seconds", seconds);
      out.put("as_of", pairs.asOf().toString());
      out.put("stored_firms", pairs.stored().size());
      out.put("on_demand_firms", pairs.onDemand().stream()
          .map(p -> p.replaceAll("/api/v1/firms/([0-9]+)/.*", "$1")).distinct().count());
      out.put("on_demand_pairs", pairs.onDemand().size());
      out.put("on_demand_from_dates", pairs.onDemand().stream()
          .map(p -> p.replaceAll(".*from=([0-9-]+).*", "$1")).distinct().count());
      try (ApiServer server = ApiServer.start(
          ApiServer.Options.defaults(copy, models, keys).withPort(0))) {
        String base = "http://127.0.0.1:" + server.port();
        Map<String, Object> health = run(wrk, base, work, "health", List.of("/health"), null);
        // the service caches stored explanations once read (until the next refresh): read each
        // once, one at a time, to measure a cold read, then measure the warm endpoint under load
        Map<String, Object> cold = coldReads(base, pairs.stored(), secret);
        Map<String, Object> stored = run(wrk, base, work, "stored", pairs.stored(), secret);
        stored.put("cold_reads", cold);
        // an on-demand explanation's own latency (one request at a time), then the same under load
        Map<String, Object> onDemandAlone = coldReads(base, pairs.onDemand(), secret);
        Map<String, Object> onDemand = run(wrk, base, work, "on_demand", pairs.onDemand(), secret);
        onDemand.put("one_at_a_time", onDemandAlone);
        double healthRate = (Double) health.get("requests_per_s");
        stored.put("ratio_to_health", (Double) stored.get("requests_per_s") / healthRate);
        onDemand.put("ratio_to_health", (Double) onDemand.get("requests_per_s") / healthRate);
        out.put("health", health);
        out.put("explain_stored", stored);
        out.put("explain_on_demand", onDemand);
      }
      if (json) {
        JsonOut.print(System.out, out);
      } else {
        System.out.printf(Locale.ROOT, "bench http: %d connections, %d s per endpoint, %d cores,"
            + " as of %s%n", connections, seconds, Runtime.getRuntime().availableProcessors(),
            pairs.asOf());
        for (String k : List.of("health", "explain_stored", "explain_on_demand")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> m = (Map<String, Object>) out.get(k);
          System.out.printf(Locale.ROOT, "  %-18s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms"
                  + "  non-2xx %d  errors %d%s%n", k, m.get("requests_per_s"), m.get("p50_ms"),
              m.get("p99_ms"), m.get("non_2xx"), m.get("socket_errors"),
              m.containsKey("ratio_to_health") ? String.format(Locale.ROOT,
                  "  (%.2f × /health)", m.get("ratio_to_health")) : "");
          if (m.get("cold_reads") instanceof Map<?, ?> cold) {
            System.out.printf(Locale.ROOT, "  %-18s first reads one at a time: p50 %.2f ms,"
                + " p99 %.2f ms%n", "", cold.get("p50_ms"), cold.get("p99_ms"));
          }
          if (m.get("one_at_a_time") instanceof Map<?, ?> alone) {
            System.out.printf(Locale.ROOT, "  %-18s one request at a time: p50 %.2f ms,"
                + " p99 %.2f ms%n", "", alone.get("p50_ms"), alone.get("p99_ms"));
          }
        }
      }
      return 0;
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  record Pairs(LocalDate asOf, List<String> stored, List<String> onDemand) {}

  /** Earlier refreshed dates the on-demand explanations start from. */
  static final int ON_DEMAND_FROM_DATES = 6;

  /**
   * Stored: the latest refreshes' transitions (explain from each firm's previous refresh). On
   * demand: pairs (firm, one of the last refreshed dates before the latest) to the latest day
   * that the refresh did not store, each firm at most a few times.
   */
  private Pairs pairs(Path copy) throws SQLException {
    try (Connection c = Databases.open(copy, true); Statement st = c.createStatement()) {
      LocalDate asOf;
      try (ResultSet rs = st.executeQuery("SELECT max(as_of) FROM transitions")) {
        rs.next();
        asOf = rs.getObject(1, LocalDate.class);
      }
      if (asOf == null) {
        throw new UsageException("database " + db + " has no stored transitions: refresh at least"
            + " two dates first (./yocho demo --no-serve)");
      }
      List<String> stored = new ArrayList<>();
      // the latest days' stored moves, newest day first, up to --firms of them
      try (ResultSet rs = st.executeQuery("SELECT firm_id, previous_as_of, as_of FROM transitions"
          + " ORDER BY as_of DESC, hash(firm_id) LIMIT " + firms)) {
        while (rs.next()) {
          stored.add("/api/v1/firms/" + rs.getLong(1) + "/explain?from="
              + rs.getObject(2, LocalDate.class) + "&to=" + rs.getObject(3, LocalDate.class)
              + "&lang=" + (stored.size() % 2 == 0 ? "ja" : "en"));
        }
      }
      // on demand: (firm, earlier date) pairs nothing stored, spread over many firms and over
      // the last ON_DEMAND_FROM_DATES refreshed dates before as_of (the previous one: firms that
      // kept their grade; earlier ones: any firm graded on both dates)
      List<String> onDemand = new ArrayList<>();
      try (java.sql.PreparedStatement ps = c.prepareStatement("WITH d AS (SELECT DISTINCT as_of"
          + " FROM grades WHERE as_of < CAST(? AS DATE) ORDER BY as_of DESC LIMIT ?)"
          + " SELECT g.firm_id, h.as_of FROM grades g JOIN grades h ON h.firm_id = g.firm_id"
          + " AND h.as_of IN (SELECT as_of FROM d)"
          + " WHERE g.as_of = CAST(? AS DATE) AND NOT EXISTS (SELECT 1 FROM transitions t"
          + " WHERE t.firm_id = g.firm_id AND t.as_of = g.as_of AND t.previous_as_of = h.as_of)"
          + " ORDER BY hash(g.firm_id, h.as_of), g.firm_id, h.as_of LIMIT ?")) {
        ps.setString(1, asOf.toString());
        ps.setInt(2, ON_DEMAND_FROM_DATES);
        ps.setString(3, asOf.toString());
        ps.setInt(4, firms);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            onDemand.add("/api/v1/firms/" + rs.getLong(1) + "/explain?from="
                + rs.getObject(2, LocalDate.class) + "&to=" + asOf + "&lang="
                + (onDemand.size() % 2 == 0 ? "ja" : "en"));
          }
        }
      }
      if (stored.isEmpty() || onDemand.isEmpty()) {
        throw new UsageException("database " + db + " has too few grades on " + asOf);
      }
      return new Pairs(asOf, stored, onDemand);
    }
  }

  private Map<String, Object> run(String wrk, String base, Path work, String name,
      List<String> paths, String secret) throws IOException, InterruptedException {
    Path script = work.resolve(name + ".lua");
    StringBuilder lua = new StringBuilder("local paths = {\n");
    for (String p : paths) {
      lua.append("  \"").append(p).append("\",\n");
    }
    lua.append("}\nlocal i = 0\n");
    lua.append("init = function(args)\n  i = math.random(#paths)\n");
    if (secret != null) {
      lua.append("  wrk.headers[\"Authorization\"] = \"Bearer ").append(secret).append("\"\n");
    }
    lua.append("end\n");
    lua.append("request = function()\n  i = i % #paths + 1\n"
        + "  return wrk.format(\"GET\", paths[i])\nend\n");
    lua.append("done = function(summary, latency, requests)\n"
        + "  local e = summary.errors\n"
        + "  io.write(string.format(\"YOCHO %d %d %d %d %.3f %.3f %.3f %.3f\\n\",\n"
        + "    summary.requests, summary.duration, e.status, e.connect + e.read + e.write"
        + " + e.timeout,\n"
        + "    latency:percentile(50) / 1000, latency:percentile(99) / 1000,"
        + " latency.mean / 1000, latency.max / 1000))\nend\n");
    Files.writeString(script, lua.toString(), StandardCharsets.UTF_8);
    if (warmup > 0) {
      wrk(wrk, base, script, warmup);
    }
    String line = wrk(wrk, base, script, seconds);
    String[] f = line.substring("YOCHO ".length()).trim().split(" ");
    long requests = Long.parseLong(f[0]);
    double duration = Long.parseLong(f[1]) / 1e6;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", requests);
    m.put("requests_per_s", requests / duration);
    m.put("p50_ms", Double.parseDouble(f[4]));
    m.put("p99_ms", Double.parseDouble(f[5]));
    m.put("mean_ms", Double.parseDouble(f[6]));
    m.put("max_ms", Double.parseDouble(f[7]));
    m.put("non_2xx", Long.parseLong(f[2]));
    m.put("socket_errors", Long.parseLong(f[3]));
    m.put("distinct_paths", paths.size());
    return m;
  }

  /** Each path once, sequentially: p50 and p99 of one request with nothing else running. */
  private static Map<String, Object> coldReads(String base, List<String> paths, String secret)
      throws IOException, InterruptedException {
    java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
    double[] millis = new double[paths.size()];
    for (int i = 0; i < paths.size(); i++) {
      java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(base + paths.get(i))).header("Authorization", "Bearer " + secret)
          .GET().build();
      long t0 = System.nanoTime();
      java.net.http.HttpResponse<byte[]> r =
          client.send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
      millis[i] = (System.nanoTime() - t0) / 1e6;
      if (r.statusCode() != 200) {
        throw new IllegalStateException("GET " + paths.get(i) + " answered " + r.statusCode());
      }
    }
    java.util.Arrays.sort(millis);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("requests", paths.size());
    m.put("p50_ms", millis[(int) Math.floor(0.50 * (millis.length - 1))]);
    m.put("p99_ms", millis[(int) Math.floor(0.99 * (millis.length - 1))]);
    return m;
  }

  private String wrk(String wrk, String base, Path script, int duration)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(wrk, "-t" + wrkThreads, "-c" + connections,
        "-d" + duration + "s", "--timeout", "10s", "-s", script.toString(), base)
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(duration + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("wrk failed: " + dev.yocho.cli.Cli.oneLine(output));
    }
    return output.lines().filter(l -> l.startsWith("YOCHO ")).findFirst().orElseThrow(
        () -> new IllegalStateException("wrk printed no summary: "
            + dev.yocho.cli.Cli.oneLine(output)));
  }

  private static String findOnPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
