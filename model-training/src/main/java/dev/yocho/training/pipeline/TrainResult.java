package dev.yocho.training.pipeline;

import dev.yocho.training.validation.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training run produced: the bundle and its out-of-time validation.
 *
 * @param oracleAuc AUC of the true PD on the same out-of-time rows (NaN without a truth table)
 * @param config what was trained, with the windows that say whether the out-of-time figures are
 *     honest (DESIGN section 13) or have labels that overlap training
 * @param memorisation in-sample AUC, and out-of-time AUC on the firms the trees were fitted on
 *     against the firms held out for calibration
 * @param oracleCapture1pct share of the out-of-time defaults among the true PD's riskiest 1%
 *     (NaN without a truth table), beside the model's own capture
 */
public record TrainResult(
    String modelVersion,
    Path bundle,
    String algorithm,
    Validation oot,
    Map<String, Validation> ootByTier,
    double oracleAuc,
    Map<String, Integer> trainingRowsByTier,
    TrainConfig config,
    Map<String, Object> memorisation,
    double oracleCapture1pct,
    double oracleCapture10pct,
    OotRows ootRows,
    double seconds) {

  /**
   * The out-of-time rows as scored (not printed): firm, as-of date, PD, label and, where the truth
   * table exists, the true PD (else {@code truth} is null). Benchmarks compare models on the same
   * firms with them.
   */
  public record OotRows(long[] firm, java.time.LocalDate[] asOf, double[] pd, boolean[] defaulted,
      double[] truth) {}

  /** The {@code --json} keys of {@code yocho train}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_version", modelVersion);
    m.put("bundle", bundle.toString());
    m.put("algorithm", algorithm);
    m.put("protocol", config.protocol());
    m.put("labels_overlap_training", config.labelsOverlapTraining());
    m.put("train_window", config.trainFrom() + " to " + config.trainTo());
    m.put("oot_window", config.ootFrom() + " to " + config.ootTo());
    m.put("oot_auc", oot.auc());
    m.put("oracle_auc", Double.isNaN(oracleAuc) ? null : oracleAuc);
    m.put("oracle_gap", Double.isNaN(oracleAuc) ? null : oracleAuc - oot.auc());
    m.put("oot_ar", oot.accuracyRatio());
    m.put("oot_ks", oot.ks());
    m.put("oot_brier", oot.brier());
    m.put("capture_1pct", oot.capture1pct());
    m.put("capture_5pct", oot.capture5pct());
    m.put("capture_10pct", oot.capture10pct());
    m.put("oracle_capture_1pct", Double.isNaN(oracleCapture1pct) ? null : oracleCapture1pct);
    m.put("oracle_capture_10pct", Double.isNaN(oracleCapture10pct) ? null : oracleCapture10pct);
    m.put("calibration_ratio", oot.calibrationRatio());
    m.put("oot_rows", oot.rows());
    m.put("oot_defaults", oot.defaults());
    Map<String, Object> tiers = new LinkedHashMap<>();
    ootByTier.forEach((tier, v) -> {
      Map<String, Object> t = new LinkedHashMap<>(v.toJson());
      t.put("training_rows", trainingRowsByTier.get(tier));
      tiers.put(tier, t);
    });
    m.put("tiers", tiers);
    m.put("memorisation", memorisation);
    m.put("seconds", seconds);
    return m;
  }
}
