package dev.yocho.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The backtest's defaults are pinned, bad settings are refused, PSI bins are as documented. */
class BacktestOptionsTest {
  @Test
  void defaultsArePinned() {
    BacktestOptions o = BacktestOptions.of(LocalDate.of(2023, 1, 1), LocalDate.of(2024, 12, 31),
        false);
    assertThat(o.psiModerate()).isEqualTo(0.10);
    assertThat(o.psiSignificant()).isEqualTo(0.25);
    assertThat(o.psiReferenceStepMonths()).isEqualTo(3);
    assertThat(o.trainTemplate().seed()).isEqualTo(42);
    assertThat(o.walkForward()).isFalse();
  }

  @Test
  void badSettingsNameTheValue() {
    LocalDate a = LocalDate.of(2023, 1, 1);
    LocalDate b = LocalDate.of(2024, 1, 1);
    assertThatThrownBy(() -> BacktestOptions.of(b, a, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2024-01-01");
    assertThatThrownBy(() -> BacktestOptions.of(a, b, false).withPsi(0.3, 0.25, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.3");
    assertThatThrownBy(() -> BacktestOptions.of(a, b, false).withPsi(0.1, 0.25, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }

  @Test
  void psiBinsAreReferenceDecilesWithTiesMergedAndAMissingBin() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i < 50 ? 0 : i; // half the values tied at 0
    }
    double[] edges = PsiReference.deciles(values);
    // deciles at positions floor(q · 99): 9, 19, 29, 39, 49 are 0 (merged into one), then 59 … 99
    assertThat(edges).containsExactly(0, 59, 69, 79, 89);
    assertThat(PsiReference.bin(edges, -1)).isEqualTo(0);
    assertThat(PsiReference.bin(edges, 0)).isEqualTo(0);
    assertThat(PsiReference.bin(edges, 0.5)).isEqualTo(1);
    assertThat(PsiReference.bin(edges, 59)).isEqualTo(1);
    assertThat(PsiReference.bin(edges, 1000)).isEqualTo(5);
    assertThat(PsiReference.bin(edges, Double.NaN)).isEqualTo(6);
  }
}
