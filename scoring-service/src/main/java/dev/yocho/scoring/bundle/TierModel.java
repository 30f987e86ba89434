package dev.yocho.scoring.bundle;

import dev.yocho.features.bundle.Calibration;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.explain.BaselineShapley;
import dev.yocho.scoring.explain.MoveExplainer;
import dev.yocho.scoring.onnx.OnnxScorer;
import java.util.Objects;

/**
 * The model of one data tier in a bundle: the ONNX session that scores, the tree ensemble the ONNX
 * model was written from (walked by the explainers), and the calibration from margin to PD.
 *
 * @param modelVersion the bundle's version
 * @param tier the data tier this model serves
 * @param scorer ONNX Runtime session over {@code <tier>.onnx}, owned by the bundle
 * @param ensemble the trees of {@code <tier>.trees.json}
 * @param calibration the map of {@code <tier>.calibration.json}
 * @param shapley baseline Shapley explainer over {@code ensemble} (immutable, thread-safe)
 */
public record TierModel(
    String modelVersion,
    Tier tier,
    OnnxScorer scorer,
    TreeEnsemble ensemble,
    Calibration calibration,
    BaselineShapley shapley) {

  public TierModel {
    Objects.requireNonNull(modelVersion, "modelVersion");
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(scorer, "scorer");
    Objects.requireNonNull(ensemble, "ensemble");
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(shapley, "shapley");
    if (scorer.featureCount() != ensemble.featureCount()) {
      throw new IllegalArgumentException("bundle " + modelVersion + ", tier " + tier.code()
          + ": the ONNX model takes " + scorer.featureCount() + " features but the trees "
          + ensemble.featureCount());
    }
  }

  /** This model as the move explainer needs it: its identity and its trees. */
  public MoveExplainer.Model explainerModel() {
    return new MoveExplainer.Model(modelVersion, tier, ensemble, shapley);
  }

  /** The key of this model in transitions: {@code version/tier}. */
  public String key() {
    return modelVersion + "/" + tier.code();
  }
}
