/**
 * The statistics of the validation report, each a small pure function tested against known values
 * (closed forms, hand computations or independently computed references recorded with their
 * provenance): special functions (log-gamma, regularised incomplete beta and gamma, normal and
 * chi-square distribution functions), DeLong's AUC variance, the ECB's Jeffreys test, the exact
 * binomial test, Hosmer-Lemeshow, the population stability index, the ECB's matrix weighted
 * bandwidth and monotonicity checks of migration matrices, Herfindahl concentration and the ECB's
 * AUC-decline test. Implemented here rather than taken from Smile, so that the model-training jar
 * stays free of GPL code.
 */
package dev.yocho.training.backtest.stats;
