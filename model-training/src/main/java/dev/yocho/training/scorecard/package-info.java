/**
 * The logistic scorecard: each feature is cut into quantile bins that are merged until their
 * weight of evidence (WoE) is monotone, with a separate bin for missing values; a Tribuo logistic
 * regression is fitted on the WoE-transformed features. The fitted scorecard is then expressed as
 * a {@link dev.yocho.features.bundle.TreeEnsemble} (one small tree per feature whose leaves are
 * coefficient × WoE, the intercept in the base margin), so that ONNX export, serving and TreeSHAP
 * treat it exactly like the gradient-boosted trees; a single-feature tree's TreeSHAP value is its
 * additive contribution.
 *
 * <p>Bins are decided on values rounded to {@code float} with the tree rule (a value at or above a
 * cut point belongs to the upper bin), so the scorecard and its trees agree on every row.
 */
package dev.yocho.training.scorecard;
