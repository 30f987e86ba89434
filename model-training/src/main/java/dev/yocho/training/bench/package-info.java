/**
 * Benchmarks of model training, run as commands ({@code yocho bench train}), never as timed
 * tests: yocho's GBM training against XGBoost's native Python trainer on the same rows and
 * parameters, in one run, so the ratio is meaningful on a shared machine.
 */
package dev.yocho.training.bench;
