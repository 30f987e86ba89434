package dev.yocho.training.scorecard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorecardConfigTest {

  @Test
  void pinsEveryDefault() {
    assertThat(ScorecardConfig.defaults().asMap()).containsExactly(
        Map.entry("initialBins", "20"),
        Map.entry("minBinShare", "0.02"),
        Map.entry("woeSmoothing", "0.5"),
        Map.entry("epochs", "20"),
        Map.entry("learningRate", "0.5"),
        Map.entry("minibatchSize", "1"),
        Map.entry("seed", "0"));
  }

  @Test
  void rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> new ScorecardConfig(1, 0.02, 0.5, 20, 0.5, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialBins must be at least 2, was 1");
    assertThatThrownBy(() -> new ScorecardConfig(20, 0.6, 0.5, 20, 0.5, 1, 0))
        .hasMessage("minBinShare must be in [0, 0.5), was 0.6");
    assertThatThrownBy(() -> new ScorecardConfig(20, 0.02, 0, 20, 0.5, 1, 0))
        .hasMessage("woeSmoothing must be positive, was 0.0");
  }
}
