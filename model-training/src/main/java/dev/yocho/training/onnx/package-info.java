/**
 * Export of a {@link dev.yocho.features.bundle.TreeEnsemble} to ONNX: one ai.onnx.ml
 * {@code TreeEnsembleRegressor} node that turns a float tensor {@code [N, featureCount]} into the
 * raw margin (log-odds) {@code [N, 1]}, with the bundle's provenance, feature order and tier in the
 * model's {@code metadata_props}. The protobuf messages are written by a small wire-format encoder
 * ({@code ProtoWriter}) with the field numbers of {@code onnx.proto}, so the exporter needs neither
 * protobuf-java nor Tribuo. The regressor (not the classifier) is used because the service
 * calibrates the margin itself, and the two-class classifier gave wrong probabilities.
 */
package dev.yocho.training.onnx;
