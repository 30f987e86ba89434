/**
 * Out-of-time validation figures of a model: discrimination (AUC, accuracy ratio, KS), accuracy
 * of the PDs (Brier score, calibration ratio) and the share of next-year defaults a watchlist of
 * the riskiest firms would hold.
 */
package dev.yocho.training.validation;
