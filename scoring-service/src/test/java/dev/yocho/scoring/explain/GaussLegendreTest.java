package dev.yocho.scoring.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussLegendreTest {

  // Abramowitz and Stegun table 25.4 on [−1, 1]: n = 2 at ±1/√3 with weights 1; n = 3 at 0 and
  // ±√(3/5) with weights 8/9 and 5/9. Mapped to [0, 1]: t → (1 − t)/2, w → w/2.
  @Test
  void matchesTabulatedPointsAndWeights() {
    double[] p = new double[3];
    double[] w = new double[3];
    GaussLegendre.unitInterval(2, p, w);
    assertThat(p[0]).isCloseTo(0.5 - 0.5 / Math.sqrt(3), within(1e-15));
    assertThat(p[1]).isCloseTo(0.5 + 0.5 / Math.sqrt(3), within(1e-15));
    assertThat(w[0]).isCloseTo(0.5, within(1e-15));
    assertThat(w[1]).isCloseTo(0.5, within(1e-15));
    GaussLegendre.unitInterval(3, p, w);
    assertThat(p[0]).isCloseTo(0.5 - 0.5 * Math.sqrt(0.6), within(1e-15));
    assertThat(p[1]).isCloseTo(0.5, within(1e-15));
    assertThat(w[0]).isCloseTo(5.0 / 18, within(1e-15));
    assertThat(w[1]).isCloseTo(8.0 / 18, within(1e-15));
  }

  @Test
  void integratesPolynomialsUpToDegreeTwoNMinusOneExactly() {
    for (int n = 1; n <= 8; n++) {
      double[] p = new double[n];
      double[] w = new double[n];
      GaussLegendre.unitInterval(n, p, w);
      for (int degree = 0; degree <= 2 * n - 1; degree++) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
          sum += w[j] * Math.pow(p[j], degree);
        }
        assertThat(sum).as("n=%d, u^%d", n, degree).isCloseTo(1.0 / (degree + 1), within(1e-14));
      }
    }
  }
}
