package dev.yocho.scoring.onnx;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.Objects;

/**
 * ONNX Runtime session settings for {@link OnnxScorer}.
 *
 * @param intraOpThreads threads one inference call may use (1 for one call per core from several
 *     caller threads; more for one big batch at a time)
 * @param optimizationLevel graph optimisation level; {@link OptLevel#ALL_OPT} by default
 * @param allowSpinning whether idle intra-op threads spin waiting for work (lower latency, but they
 *     burn CPU shared with the explanation threads); off by default
 */
public record ScorerOptions(int intraOpThreads, OptLevel optimizationLevel, boolean allowSpinning) {

  public ScorerOptions {
    if (intraOpThreads < 1 || intraOpThreads > 256) {
      throw new IllegalArgumentException(
          "intraOpThreads must be in [1, 256], was " + intraOpThreads);
    }
    Objects.requireNonNull(optimizationLevel, "optimizationLevel");
  }

  /** One intra-op thread, all graph optimisations, no spinning. */
  public static ScorerOptions defaults() {
    return new ScorerOptions(1, OptLevel.ALL_OPT, false);
  }

  public ScorerOptions withIntraOpThreads(int threads) {
    return new ScorerOptions(threads, optimizationLevel, allowSpinning);
  }
}
