package dev.yocho.training.pipeline;

import dev.yocho.training.validation.Validation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training run produced: the bundle and its out-of-time validation.
 *
 * @param oracleAuc AUC of the true PD on the same out-of-time rows (NaN without a truth table)
 */
public record TrainResult(
    String modelVersion,
    Path bundle,
    String algorithm,
    Validation oot,
    Map<String, Validation> ootByTier,
    double oracleAuc,
    Map<String, Integer> trainingRowsByTier,
    double seconds) {

  /** The {@code --json} keys of {@code yocho train}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model_version", modelVersion);
    m.put("bundle", bundle.toString());
    m.put("algorithm", algorithm);
    m.put("oot_auc", oot.auc());
    m.put("oracle_auc", Double.isNaN(oracleAuc) ? null : oracleAuc);
    m.put("oot_ar", oot.accuracyRatio());
    m.put("oot_ks", oot.ks());
    m.put("oot_brier", oot.brier());
    m.put("capture_5pct", oot.capture5pct());
    m.put("capture_10pct", oot.capture10pct());
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
    m.put("seconds", seconds);
    return m;
  }
}
