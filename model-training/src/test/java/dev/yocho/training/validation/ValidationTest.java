package dev.yocho.training.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ValidationTest {
  // Ten rows, riskiest first; defaults at ranks 1, 2 and 5.
  private static final double[] PD = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05};
  private static final boolean[] Y = {true, true, false, false, true, false, false, false, false, false};

  @Test
  void handComputedFigures() {
    Validation v = Validation.of(PD, Y);
    assertThat(v.rows()).isEqualTo(10);
    assertThat(v.defaults()).isEqualTo(3);
    // AUC: defaulters beat 7, 7 and 5 of the 7 non-defaulters → 19/21
    assertThat(v.auc()).isCloseTo(19.0 / 21.0, within(1e-12));
    assertThat(v.accuracyRatio()).isCloseTo(2 * 19.0 / 21.0 - 1, within(1e-12));
    // KS: after the top five rows, defaulters 3/3 vs non-defaulters 2/7 → 5/7
    assertThat(v.ks()).isCloseTo(5.0 / 7.0, within(1e-12));
    // Brier: Σ (pd − y)² / 10
    double brier = (0.01 + 0.04 + 0.49 + 0.36 + 0.25 + 0.16 + 0.09 + 0.04 + 0.01 + 0.0025) / 10;
    assertThat(v.brier()).isCloseTo(brier, within(1e-12));
    // mean PD 0.455 over realised 0.3
    assertThat(v.calibrationRatio()).isCloseTo(0.455 / 0.3, within(1e-12));
    // the riskiest 10% is one row (a default): 1/3 of defaults; 5% is half a row: 1/6
    assertThat(v.capture10pct()).isCloseTo(1.0 / 3.0, within(1e-12));
    assertThat(v.capture5pct()).isCloseTo(1.0 / 6.0, within(1e-12));
  }

  @Test
  void tiesAtTheCutOffCountInProportion() {
    double[] pd = {0.5, 0.5, 0.5, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    boolean[] y = {true, false, false, false, true, false, false, false, false, false};
    // top 10% = one row out of a tie of four holding one default → 1/4 of a default of 2
    assertThat(Validation.capture(pd, y, 2, 0.10)).isCloseTo(0.125, within(1e-12));
  }
}
