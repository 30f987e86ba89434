package dev.yocho.features.compute;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.catalogue.FeatureDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-feature data-quality summary of a feature table: share missing, share at a winsorisation
 * bound ("winsorised"; a raw value exactly on a bound counts too), min, median and max of the
 * non-missing values. Computed by DuckDB over any relation whose columns carry catalogue names.
 *
 * @param feature catalogue name
 * @param shareMissing missing rows / all rows
 * @param shareWinsorised rows on a finite bound / all rows
 * @param min smallest non-missing value, NaN when all are missing
 * @param median median of non-missing values, NaN when all are missing
 * @param max largest non-missing value, NaN when all are missing
 */
public record DataQuality(String feature, double shareMissing, double shareWinsorised, double min,
    double median, double max) {

  /** Summaries in catalogue order of {@code relation} (SQL text usable after FROM). */
  public static List<DataQuality> summarise(Connection connection, String relation)
      throws SQLException {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    List<String> aggregates = new ArrayList<>();
    for (FeatureDefinition d : catalogue.definitions()) {
      String x = d.name();
      String bound = "FALSE";
      if (Double.isFinite(d.lowerBound())) {
        bound = x + " = CAST('" + d.lowerBound() + "' AS DOUBLE)";
      }
      if (Double.isFinite(d.upperBound())) {
        bound += " OR " + x + " = CAST('" + d.upperBound() + "' AS DOUBLE)";
      }
      aggregates.add("count(*) FILTER (WHERE " + x + " IS NULL OR isnan(" + x + "))");
      aggregates.add("count(*) FILTER (WHERE " + bound + ")");
      aggregates.add("min(" + x + ") FILTER (WHERE NOT isnan(" + x + "))");
      aggregates.add("median(" + x + ") FILTER (WHERE NOT isnan(" + x + "))");
      aggregates.add("max(" + x + ") FILTER (WHERE NOT isnan(" + x + "))");
    }
    String sql = "SELECT count(*), " + String.join(", ", aggregates) + " FROM " + relation;
    List<DataQuality> out = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      double rows = rs.getLong(1);
      for (int j = 0; j < catalogue.size(); j++) {
        int c = 2 + 5 * j;
        out.add(new DataQuality(catalogue.get(j).name(),
            rows == 0 ? Double.NaN : rs.getLong(c) / rows,
            rows == 0 ? Double.NaN : rs.getLong(c + 1) / rows,
            orNaN(rs, c + 2), orNaN(rs, c + 3), orNaN(rs, c + 4)));
      }
    }
    return out;
  }

  /** JSON-ready form (NaN as null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("share_missing", finiteOrNull(shareMissing));
    m.put("share_winsorised", finiteOrNull(shareWinsorised));
    m.put("min", finiteOrNull(min));
    m.put("median", finiteOrNull(median));
    m.put("max", finiteOrNull(max));
    return m;
  }

  static Double finiteOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static double orNaN(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? Double.NaN : v;
  }
}
