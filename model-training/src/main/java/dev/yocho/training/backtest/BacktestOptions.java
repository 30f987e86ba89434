package dev.yocho.training.backtest;

import dev.yocho.training.pipeline.TrainConfig;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What a backtest replays and how.
 *
 * @param from first as-of date (month-ends from its month)
 * @param to last as-of date
 * @param walkForward retrain at each year boundary instead of scoring with one bundle
 * @param psiModerate PSI at or above this is a moderate shift (0.10 by default)
 * @param psiSignificant PSI at or above this is a significant shift (0.25 by default)
 * @param psiReferenceStepMonths the PSI reference sample takes every n-th month-end of the
 *     training window (1 = all of them)
 * @param trainTemplate what walk-forward retraining trains (its windows are replaced per step)
 */
public record BacktestOptions(
    LocalDate from,
    LocalDate to,
    boolean walkForward,
    double psiModerate,
    double psiSignificant,
    int psiReferenceStepMonths,
    TrainConfig trainTemplate) {

  public static final double DEFAULT_PSI_MODERATE = 0.10;
  public static final double DEFAULT_PSI_SIGNIFICANT = 0.25;
  public static final int DEFAULT_PSI_REFERENCE_STEP = 3;

  public BacktestOptions {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(trainTemplate, "trainTemplate");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
    }
    if (!(psiModerate > 0 && psiModerate < psiSignificant)) {
      throw new IllegalArgumentException("PSI thresholds must satisfy 0 < moderate < significant,"
          + " were " + psiModerate + " and " + psiSignificant);
    }
    if (psiReferenceStepMonths < 1 || psiReferenceStepMonths > 12) {
      throw new IllegalArgumentException("the PSI reference step must be 1 to 12 months, was "
          + psiReferenceStepMonths);
    }
  }

  public static BacktestOptions of(LocalDate from, LocalDate to, boolean walkForward) {
    return new BacktestOptions(from, to, walkForward, DEFAULT_PSI_MODERATE,
        DEFAULT_PSI_SIGNIFICANT, DEFAULT_PSI_REFERENCE_STEP,
        TrainConfig.defaults(TrainConfig.Algorithm.GBM));
  }

  public BacktestOptions withTrainTemplate(TrainConfig template) {
    return new BacktestOptions(from, to, walkForward, psiModerate, psiSignificant,
        psiReferenceStepMonths, template);
  }

  public BacktestOptions withPsi(double moderate, double significant, int step) {
    return new BacktestOptions(from, to, walkForward, moderate, significant, step, trainTemplate);
  }
}
