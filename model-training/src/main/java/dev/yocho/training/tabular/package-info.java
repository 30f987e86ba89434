/**
 * Tabular mode: cross-validation of both learning algorithms, with the same training code that
 * builds yocho's bundles, on a public bankruptcy data set given as ARFF ({@code ?} missing) or CSV
 * (empty cell missing). Folds are stratified and match scikit-learn's for the same seed, so the
 * figures compare directly with the Python peers in {@code shared/peers/tabular_cv.py}.
 */
package dev.yocho.training.tabular;
