/**
 * {@code yocho bench refresh}: the daily refresh end to end, and its parts measured against
 * XGBoost's own C++ predictor and TreeSHAP on a model of the same size, in the same run, so the
 * ratios mean something on a shared machine. {@code yocho bench http}: the HTTP service under
 * {@code wrk}, beside {@code /health} measured in the same run. Benchmarks are commands, never
 * timed tests.
 */
package dev.yocho.scoring.bench;
