/**
 * Discrimination metrics shared by every module that reports them, so that the generator's oracle
 * AUC, training's out-of-time AUC and the backtests count ties the same way.
 */
package dev.yocho.features.metrics;
