/**
 * The model-bundle contract shared by training (which writes bundles) and serving (which reads
 * them): the tree-ensemble structure with node covers that TreeSHAP needs, the master scale from
 * PD to grade, and the calibration map from raw margin (log-odds) to PD.
 *
 * <p>Tree semantics follow XGBoost exactly, because the ONNX {@code TreeEnsembleRegressor} and the
 * explanations must reproduce its margin: every feature value is first rounded to {@code float}; at
 * a split, a value strictly less than the threshold goes to the left child, any other value to the
 * right child, and a missing value (NaN) to the node's default child.
 */
package dev.yocho.features.bundle;
