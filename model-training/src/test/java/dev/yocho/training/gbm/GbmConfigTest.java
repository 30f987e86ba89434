package dev.yocho.training.gbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GbmConfigTest {

  @Test
  void pinsEveryDefault() {
    GbmConfig config = GbmConfig.defaults();
    assertThat(config.asMap()).containsExactly(
        Map.entry("rounds", "300"),
        Map.entry("maxDepth", "12"),
        Map.entry("lossGuided", "true"),
        Map.entry("maxLeaves", "31"),
        Map.entry("learningRate", "0.05"),
        Map.entry("subsample", "1.0"),
        Map.entry("columnSampleByTree", "1.0"),
        Map.entry("columnSampleByNode", "1.0"),
        Map.entry("minChildWeight", "0.1"),
        Map.entry("l2Regularisation", "0.0"),
        Map.entry("l1Regularisation", "0.0"),
        Map.entry("minSplitLoss", "0.0"),
        Map.entry("maxBins", "256"),
        Map.entry("priorBaseScore", "true"),
        Map.entry("threads", "1"),
        Map.entry("seed", "0"));
    assertThat(GbmConfig.KEYS).isEqualTo(config.asMap().keySet());
  }

  @Test
  void fromMapOverridesAndRoundTrips() {
    GbmConfig config = GbmConfig.fromMap(Map.of("rounds", "42", "learningRate", "0.1"));
    assertThat(config.rounds()).isEqualTo(42);
    assertThat(config.learningRate()).isEqualTo(0.1);
    assertThat(config.maxDepth()).isEqualTo(GbmConfig.defaults().maxDepth());
    assertThat(GbmConfig.fromMap(config.asMap())).isEqualTo(config);
  }

  @Test
  void rejectsUnknownKeysAndBadValues() {
    assertThatThrownBy(() -> GbmConfig.fromMap(Map.of("max_depth", "3")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown GBM hyperparameter 'max_depth'");
    assertThatThrownBy(() -> GbmConfig.fromMap(Map.of("rounds", "many")))
        .hasMessageContaining("rounds must be an integer, was 'many'");
    assertThatThrownBy(() -> GbmConfig.fromMap(Map.of("subsample", "1.5")))
        .hasMessageContaining("subsample must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> GbmConfig.fromMap(Map.of("priorBaseScore", "yes")))
        .hasMessageContaining("priorBaseScore must be true or false, was 'yes'");
  }
}
