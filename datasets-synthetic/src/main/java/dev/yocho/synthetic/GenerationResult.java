package dev.yocho.synthetic;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a generation wrote, for the CLI's summary and {@code --json}. */
public record GenerationResult(
    Path database,
    long firms,
    long defaults,
    long closures,
    long rowsWritten,
    double oracleAuc,
    long oracleRows,
    double truthMeanStandardError,
    double truthMeanRelativeError,
    double defaultIntercept,
    double seconds) {

  /** The {@code --json} keys of {@code yocho generate}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("db", database.toString());
    m.put("firms", firms);
    m.put("defaults", defaults);
    m.put("closures", closures);
    m.put("oracle_auc", Double.isNaN(oracleAuc) ? null : oracleAuc);
    m.put("rows_written", rowsWritten);
    m.put("rows_per_second", seconds > 0 ? Math.round(rowsWritten / seconds) : null);
    if (oracleRows > 0) {
      m.put("truth_paths", TruthSimulator.PATHS);
      m.put("truth_mean_standard_error", truthMeanStandardError);
      m.put("truth_mean_relative_error", truthMeanRelativeError);
    }
    m.put("seconds", seconds);
    return m;
  }
}
