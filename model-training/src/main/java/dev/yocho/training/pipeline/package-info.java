/**
 * The training pipeline behind {@code yocho train}: month-end snapshots with one-year labels,
 * features computed as of each snapshot, one model per data tier (full: a visible statement;
 * thin: none), an isotonic calibration per tier fitted on a held-out fifth of the training firms in
 * the training window's last year,
 * out-of-time validation, and an immutable model bundle (ONNX per tier with provenance in its
 * metadata, tree structures with covers, calibrations, master scale, metrics, SHA-256 manifest).
 */
package dev.yocho.training.pipeline;
