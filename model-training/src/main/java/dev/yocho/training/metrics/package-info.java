/**
 * Discrimination metrics for binary default labels: the area under the ROC curve computed as the
 * Mann-Whitney statistic with ties counted as one half, and the fold summaries (mean, population
 * standard deviation) that cross-validation reports.
 */
package dev.yocho.training.metrics;
