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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** One outer fold of a nested run: the candidate chosen on its inner folds and their AUCs. */
  public record OuterFold(int fold, String chosen, Map<String, Double> innerAuc, double auc) {}

  /** A nested run: the outer-fold AUCs (which include the choice) and each fold's choice. */
  public record NestedResult(Result result, int innerFolds, List<GbmGrid.Candidate> grid,
      List<OuterFold> outer) {}

  /**
   * Nested cross-validation (DESIGN section 13: a choice made on the reported folds flatters
   * them): inside each outer training fold, every GBM candidate of {@code grid} is scored by
   * {@code innerFolds}-fold stratified cross-validation of that training fold alone; the best mean
   * inner AUC (the first on a tie) is refitted on the whole outer training fold and scored on the
   * outer test fold, which took no part in the choice. The scorecard has a single fixed
   * configuration and is cross-validated on the same outer folds. Inner folds are seeded from the
   * plan's seed and the outer fold's index, so the run is deterministic.
   */
  public static NestedResult runNested(LabelledMatrix data, Plan plan, List<GbmGrid.Candidate> grid,
      int innerFolds, Progress progress) {
    if (grid.isEmpty()) {
      throw new IllegalArgumentException("the GBM grid is empty");
    }
    if (innerFolds < 2) {
      throw new IllegalArgumentException("inner folds must be at least 2, was " + innerFolds);
    }
    int threads = plan.gbm().threads();
    int[] assignment = StratifiedFolds.assign(data.labels(), plan.folds(), plan.seed());
    ScorecardTrainer scorecard = new ScorecardTrainer(plan.scorecard());
    List<Double> gbmAucs = new ArrayList<>();
    List<Double> logitAucs = new ArrayList<>();
    List<OuterFold> outer = new ArrayList<>();
    double gbmSeconds = 0;
    double logitSeconds = 0;
    for (int fold = 0; fold < plan.folds(); fold++) {
      LabelledMatrix train = data.subset(StratifiedFolds.rows(assignment, fold, false));
      LabelledMatrix test = data.subset(StratifiedFolds.rows(assignment, fold, true));
      long innerSeed = (plan.seed() * 31 + fold + 1) & 0x7FFFFFFFL;
      int[] inner = StratifiedFolds.assign(train.labels(), innerFolds, innerSeed);
      Map<String, Double> innerAuc = new LinkedHashMap<>();
      GbmGrid.Candidate best = null;
      double bestAuc = Double.NEGATIVE_INFINITY;
      long start = System.nanoTime();
      for (GbmGrid.Candidate candidate : grid) {
        GbmTrainer trainer = new GbmTrainer(candidate.config(threads, plan.seed()));
        double sum = 0;
        for (int k = 0; k < innerFolds; k++) {
          LabelledMatrix fit = train.subset(StratifiedFolds.rows(inner, k, false));
          LabelledMatrix held = train.subset(StratifiedFolds.rows(inner, k, true));
          sum += heldOutAuc(trainer.fit(fit).ensemble(), held);
        }
        double mean = sum / innerFolds;
        innerAuc.put(candidate.name(), mean);
        if (mean > bestAuc) {
          bestAuc = mean;
          best = candidate;
        }
        progress.step(1);
      }
      TreeEnsemble chosen = new GbmTrainer(best.config(threads, plan.seed())).fit(train).ensemble();
      gbmSeconds += (System.nanoTime() - start) / 1e9;
      double auc = heldOutAuc(chosen, test);
      gbmAucs.add(auc);
      outer.add(new OuterFold(fold, best.name(), innerAuc, auc));
      progress.step(1);
      start = System.nanoTime();
      TreeEnsemble logitEnsemble = scorecard.fit(train).toTreeEnsemble();
      logitSeconds += (System.nanoTime() - start) / 1e9;
      logitAucs.add(heldOutAuc(logitEnsemble, test));
      progress.step(1);
    }
    Result result = new Result(data.rowCount(), data.positives(), data.featureCount(),
        new AlgorithmResult(FoldSummary.of(gbmAucs), gbmSeconds),
        new AlgorithmResult(FoldSummary.of(logitAucs), logitSeconds));
    return new NestedResult(result, innerFolds, List.copyOf(grid), List.copyOf(outer));
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
