/**
 * The labelled design matrix that both learning algorithms train on: one row per observation, one
 * named column per feature, {@code NaN} for a missing value, and a binary default label; plus the
 * seeded, stratified assignment of rows to cross-validation folds.
 */
package dev.yocho.training.data;
