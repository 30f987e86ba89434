package dev.yocho.training.tabular;

import dev.yocho.cli.Progress;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.data.StratifiedFolds;
import dev.yocho.training.gbm.GbmConfig;
import dev.yocho.training.gbm.GbmTrainer;
import dev.yocho.training.metrics.Auc;
import dev.yocho.training.metrics.FoldSummary;
import dev.yocho.training.scorecard.ScorecardConfig;
import dev.yocho.training.scorecard.ScorecardTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Stratified K-fold cross-validation of both algorithms. Each fold trains with the production
 * trainers and scores the held-out rows through the converted {@link TreeEnsemble}, the structure
 * that serving evaluates, so the figures measure what yocho would ship.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /** Fold count, seed (of the folds and of both trainers) and the two configurations. */
  public record Plan(int folds, long seed, GbmConfig gbm, ScorecardConfig scorecard) {
    public Plan {
      if (folds < 2) {
        throw new IllegalArgumentException("folds must be at least 2, was " + folds);
      }
      if (seed < 0 || seed > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("seed must be in [0, 2^31 - 1], was " + seed);
      }
      gbm = Objects.requireNonNull(gbm, "gbm").withSeed(seed);
      scorecard = Objects.requireNonNull(scorecard, "scorecard").withSeed(seed);
    }
  }

  /** One algorithm's held-out AUC per fold and its total training time. */
  public record AlgorithmResult(FoldSummary auc, double fitSeconds) {}

  /** The outcome: data size and the result of each algorithm ({@code gbm}, {@code logit}). */
  public record Result(int rows, int positives, int features, AlgorithmResult gbm,
      AlgorithmResult logit) {}

  /**
   * Runs the plan on {@code data}, stepping {@code progress} once per trained model.
   *
   * @throws IllegalArgumentException if a class has fewer rows than folds
   */
  public static Result run(LabelledMatrix data, Plan plan, Progress progress) {
    int[] assignment = StratifiedFolds.assign(data.labels(), plan.folds(), plan.seed());
    GbmTrainer gbm = new GbmTrainer(plan.gbm());
    ScorecardTrainer scorecard = new ScorecardTrainer(plan.scorecard());
    List<Double> gbmAucs = new ArrayList<>();
    List<Double> logitAucs = new ArrayList<>();
    double gbmSeconds = 0;
    double logitSeconds = 0;
    for (int fold = 0; fold < plan.folds(); fold++) {
      LabelledMatrix train = data.subset(StratifiedFolds.rows(assignment, fold, false));
      LabelledMatrix test = data.subset(StratifiedFolds.rows(assignment, fold, true));
      long start = System.nanoTime();
      TreeEnsemble gbmEnsemble = gbm.fit(train).ensemble();
      gbmSeconds += (System.nanoTime() - start) / 1e9;
      gbmAucs.add(heldOutAuc(gbmEnsemble, test));
      progress.step(1);
      start = System.nanoTime();
      TreeEnsemble logitEnsemble = scorecard.fit(train).toTreeEnsemble();
      logitSeconds += (System.nanoTime() - start) / 1e9;
      logitAucs.add(heldOutAuc(logitEnsemble, test));
      progress.step(1);
    }
    return new Result(data.rowCount(), data.positives(), data.featureCount(),
        new AlgorithmResult(FoldSummary.of(gbmAucs), gbmSeconds),
        new AlgorithmResult(FoldSummary.of(logitAucs), logitSeconds));
  }

  static double heldOutAuc(TreeEnsemble ensemble, LabelledMatrix test) {
    return heldOutAuc((ToDoubleFunction<double[]>) ensemble::margin, test);
  }

  static double heldOutAuc(ToDoubleFunction<double[]> margin, LabelledMatrix test) {
    double[] scores = new double[test.rowCount()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = margin.applyAsDouble(test.rows()[i]);
    }
    return Auc.of(scores, test.labels());
  }
}
