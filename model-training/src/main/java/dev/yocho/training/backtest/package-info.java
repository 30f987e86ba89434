/**
 * Backtests and the validation report ({@code yocho backtest}): month-end as-of dates replayed with
 * one bundle or walk-forward retraining ({@link dev.yocho.training.backtest.WalkForward}), scored
 * with the bundle's own trees and calibration, measured per date and pooled
 * ({@link dev.yocho.training.backtest.BacktestMetrics}, the statistics in
 * {@link dev.yocho.training.backtest.stats}), written as {@code metrics.json} and a self-contained
 * {@code report.html}; and reproduction of a bundle from its provenance
 * ({@link dev.yocho.training.backtest.Reproduce}).
 */
package dev.yocho.training.backtest;
