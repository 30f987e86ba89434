package dev.yocho.synthetic;

import dev.yocho.features.model.Industry;
import dev.yocho.features.model.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures a universe against the realism targets of DESIGN section 9 (with the tolerances of the
 * foundation issue), from the database alone. The truth calibration and the oracle AUC read the
 * truth tables: this is evaluation code.
 */
public final class Realism {

  /** One target: its measured value and the band it must fall in. */
  public record Target(String name, String description, double measured, double low, double high) {
    public boolean passes() {
      return measured >= low && measured <= high;
    }
  }

  /** Defaults in one calendar year over the firms live on its first day. */
  public record YearRate(int year, long liveAtStart, long defaults, long closures) {
    public double rate() {
      return liveAtStart == 0 ? Double.NaN : defaults / (double) liveAtStart;
    }
  }

  /** Firms and defaults in one group (an industry or a size class). */
  public record Group(String name, long firms, long defaults) {
    public double rate() {
      return firms == 0 ? Double.NaN : defaults / (double) firms;
    }
  }

  /** Everything {@code demo} prints about a universe. */
  public record Report(
      long firms,
      List<YearRate> years,
      List<Group> industries,
      List<Group> sizes,
      List<Target> targets,
      double borrowingRate,
      double oracleAuc) {

    public Target target(String name) {
      return targets.stream().filter(t -> t.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no realism target " + name));
    }

    public boolean allPass() {
      return targets.stream().allMatch(Target::passes);
    }

    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("firms", firms);
      Map<String, Object> perYear = new LinkedHashMap<>();
      for (YearRate y : years) {
        perYear.put(Integer.toString(y.year()), Map.of("defaults", y.defaults(), "rate", y.rate()));
      }
      m.put("defaults_per_year", perYear);
      Map<String, Object> byIndustry = new LinkedHashMap<>();
      for (Group g : industries) {
        byIndustry.put(g.name(), g.rate());
      }
      m.put("default_rate_by_industry", byIndustry);
      Map<String, Object> bySize = new LinkedHashMap<>();
      for (Group g : sizes) {
        bySize.put(g.name(), g.rate());
      }
      m.put("default_rate_by_size", bySize);
      Map<String, Object> t = new LinkedHashMap<>();
      for (Target target : targets) {
        t.put(target.name(), Map.of("measured", target.measured(), "low", target.low(),
            "high", target.high(), "pass", target.passes()));
      }
      m.put("realism", t);
      m.put("borrowing_rate", borrowingRate);
      m.put("oracle_auc", Double.isNaN(oracleAuc) ? null : oracleAuc);
      return m;
    }
  }

  private Realism() {}

  public static Report measure(Connection conn) throws SQLException {
    LocalDate from = LocalDate.parse(info(conn, "dataset_info", "window_from"));
    LocalDate to = LocalDate.parse(info(conn, "dataset_info", "window_to"));
    List<Target> targets = new ArrayList<>();

    double shareLe2;
    double fullGuarantee;
    long firms;
    try (ResultSet rs = query(conn, "realism-firms.sql", to, to, to)) {
      rs.next();
      firms = rs.getLong("firms");
      shareLe2 = rs.getDouble("share_le2_employees");
      fullGuarantee = rs.getDouble("full_guarantee_share");
    }
    targets.add(new Target("share_le2_employees", "share of firms with two or fewer employees",
        shareLe2, 0.55, 0.65));

    List<YearRate> years = new ArrayList<>();
    try (ResultSet rs = query(conn, "realism-default-rates.sql", from, to)) {
      while (rs.next()) {
        years.add(new YearRate(rs.getInt("year"), rs.getLong("live_at_start"),
            rs.getLong("defaults"), rs.getLong("closures")));
      }
    }
    double meanRate = years.stream().mapToDouble(YearRate::rate).average().orElse(Double.NaN);
    targets.add(new Target("annual_default_rate", "mean annual default rate over the window",
        meanRate, 0.012, 0.018));

    Map<String, long[]> byIndustry = new TreeMap<>();
    Map<String, long[]> bySize = new LinkedHashMap<>();
    for (String s : List.of("0-2", "3-9", "10-49", "50+")) {
      bySize.put(s, new long[2]);
    }
    try (ResultSet rs = query(conn, "realism-defaults-by.sql")) {
      while (rs.next()) {
        long[] i = byIndustry.computeIfAbsent(rs.getString("industry"), k -> new long[2]);
        long[] s = bySize.get(rs.getString("size_class"));
        i[0] += rs.getLong("firms");
        i[1] += rs.getLong("defaults");
        s[0] += rs.getLong("firms");
        s[1] += rs.getLong("defaults");
      }
    }
    long totalDefaults = byIndustry.values().stream().mapToLong(v -> v[1]).sum();
    List<Group> industries = new ArrayList<>();
    for (Industry ind : Industry.values()) {
      long[] v = byIndustry.getOrDefault(ind.code(), new long[2]);
      industries.add(new Group(ind.code(), v[0], v[1]));
    }
    List<Group> sizes = new ArrayList<>();
    bySize.forEach((k, v) -> sizes.add(new Group(k, v[0], v[1])));
    targets.add(new Target("construction_share_of_defaults", "construction's share of defaults",
        share(byIndustry.get(Industry.CONSTRUCTION.code()), totalDefaults), 0.15, 0.25));
    targets.add(new Target("accommodation_share_of_defaults", "accommodation's share of defaults",
        share(byIndustry.get(Industry.ACCOMMODATION.code()), totalDefaults), 0.0, 0.03));
    long smallDefaults = bySize.get("0-2")[1] + bySize.get("3-9")[1];
    targets.add(new Target("under10_share_of_defaults",
        "share of defaults among firms with fewer than ten employees",
        totalDefaults == 0 ? Double.NaN : smallDefaults / (double) totalDefaults, 0.85, 1.0));

    double borrowingRate;
    try (ResultSet rs = query(conn, "realism-latest-statements.sql", to, to, to, to, to)) {
      rs.next();
      targets.add(new Target("insolvent_share",
          "share of live firms whose latest visible statement shows negative net assets",
          rs.getDouble("insolvent_share"), 0.12, 0.22));
      targets.add(new Target("rate_rise_25bp_loss_share",
          "firms turned from ordinary profit to loss by +0.25 points on borrowing",
          rs.getDouble("loss_share_25bp"), 0.01, 0.03));
      targets.add(new Target("rate_rise_100bp_loss_share",
          "firms turned from ordinary profit to loss by +1.00 point on borrowing",
          rs.getDouble("loss_share_100bp"), 0.04, 0.09));
      targets.add(new Target("rate_rise_200bp_loss_share",
          "firms turned from ordinary profit to loss by +2.00 points on borrowing",
          rs.getDouble("loss_share_200bp"), 0.08, 0.15));
      borrowingRate = rs.getDouble("borrowing_rate");
    }
    targets.add(new Target("full_guarantee_share_of_balances",
        "100%-guaranteed share of guaranteed balances", fullGuarantee, 0.50, 0.62));

    try (ResultSet rs = query(conn, "realism-inquiries.sql", from)) {
      rs.next();
      double recent = rs.getDouble("median_recent");
      double yearAgo = rs.getDouble("median_year_ago");
      targets.add(new Target("inquiry_rise_before_default",
          "median inquiries in the 90 days before default over the same 90 days a year earlier",
          yearAgo > 0 ? recent / yearAgo : (recent > 0 ? Double.POSITIVE_INFINITY : Double.NaN),
          3.0, Double.POSITIVE_INFINITY));
    }

    double oracleAuc = Double.NaN;
    if (hasTable(conn, "truth_pd")) {
      try (ResultSet rs = query(conn, "realism-truth-calibration.sql", to)) {
        rs.next();
        targets.add(new Target("truth_pd_calibration",
            "mean truth_pd over labelled firm-months / realised one-year default rate",
            rs.getDouble("mean_truth_pd") / rs.getDouble("realised_rate"), 0.85, 1.15));
      }
      oracleAuc = Double.parseDouble(info(conn, "truth_manifest", "oracle_auc"));
      targets.add(new Target("oracle_auc", "AUC of truth_pd against realised one-year defaults",
          oracleAuc, 0.80, 0.92));
    }
    return new Report(firms, years, industries, sizes, targets, borrowingRate, oracleAuc);
  }

  private static double share(long[] group, long total) {
    return group == null || total == 0 ? Double.NaN : group[1] / (double) total;
  }

  static String info(Connection conn, String table, String key) throws SQLException {
    try (PreparedStatement ps =
        conn.prepareStatement("SELECT value FROM " + table + " WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException(table + " has no " + key
              + ": is this a database written by yocho generate?");
        }
        return rs.getString(1);
      }
    }
  }

  static boolean hasTable(Connection conn, String table) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private static ResultSet query(Connection conn, String resource, Object... params)
      throws SQLException {
    PreparedStatement ps = conn.prepareStatement(Schema.resource(Realism.class, resource));
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    ps.closeOnCompletion();
    return ps.executeQuery();
  }
}
