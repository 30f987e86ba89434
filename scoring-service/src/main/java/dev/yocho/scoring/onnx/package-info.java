/**
 * Scoring with ONNX Runtime: {@link dev.yocho.scoring.onnx.OnnxScorer} loads a bundle's ONNX model
 * (a tree ensemble whose single output is the raw margin, in log-odds), exposes the model's
 * {@code metadata_props} (feature order, tier, provenance) so the bundle loader can check them, and
 * scores batches of float rows {@code [N, featureCount]} into margins. Session settings (threads,
 * graph optimisation) are typed in {@link dev.yocho.scoring.onnx.ScorerOptions}.
 */
package dev.yocho.scoring.onnx;
