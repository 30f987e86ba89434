/**
 * Gradient-boosted trees with a binary logistic objective, trained with xgboost4j directly so that
 * the model is one tree per round producing one raw margin (log-odds), and converted into the
 * shared {@link dev.yocho.features.bundle.TreeEnsemble} contract that ONNX export, serving and
 * TreeSHAP explanations all read.
 *
 * <p>Tribuo's XGBoost classifier is not used because it trains two-class softprob (two trees per
 * round, two margins) and its model is not ONNX-exportable; Tribuo's XGBoost regression trainer
 * offers no logistic objective. Training therefore calls {@code ml.dmlc.xgboost4j} (the version
 * Tribuo 4.3.2 ships) and keeps a Tribuo-style provenance record of every hyperparameter.
 */
package dev.yocho.training.gbm;
