/**
 * The validation report: {@code report.html}, one self-contained page drawn entirely from the
 * numbers of {@code metrics.json}, with inline SVG charts (no scripts, fonts or external
 * resources, so it opens offline).
 */
package dev.yocho.training.backtest.report;
