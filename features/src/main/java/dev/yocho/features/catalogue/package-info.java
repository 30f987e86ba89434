/**
 * The feature catalogue as code: one {@link dev.yocho.features.catalogue.FeatureDefinition} per
 * feature (name, Japanese and English labels, formula, unit, winsorisation bounds, missing-value
 * policy, tables read), in the fixed order that is the model's input order, with a version that
 * hashes every definition. The computations themselves live in {@code dev.yocho.features.compute}.
 */
package dev.yocho.features.catalogue;
