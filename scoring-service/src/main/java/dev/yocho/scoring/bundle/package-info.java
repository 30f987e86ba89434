/**
 * Loading model bundles for serving. {@link dev.yocho.scoring.bundle.ModelStore} is a models root
 * ({@code DIR/<version>/} per bundle, {@code DIR/CURRENT} naming the one to serve);
 * {@link dev.yocho.scoring.bundle.ModelBundle} is one verified bundle: every file checked against
 * the SHA-256 manifest, the feature catalogue version and feature order checked against what this
 * build computes (in the manifest, in each ONNX model's metadata and in each tree ensemble), one
 * {@link dev.yocho.scoring.bundle.TierModel} per data tier with its ONNX Runtime session, its trees
 * (for explanations) and its calibration, and the master scale. A mismatch or a missing file is
 * refused with an {@link java.lang.IllegalArgumentException} naming it.
 */
package dev.yocho.scoring.bundle;
