package dev.yocho.scoring.explain;

/**
 * Gauss–Legendre quadrature on [0, 1]: with {@code n} points it integrates polynomials of degree up
 * to {@code 2n − 1} exactly (up to rounding). Points are the roots of the Legendre polynomial
 * {@code P_n}, found by Newton's method from the Chebyshev-like guess
 * {@code cos(π (i − 1/4) / (n + 1/2))}; weights are {@code 2 / ((1 − t²) P_n'(t)²)} (Abramowitz and
 * Stegun 25.4.29), then mapped from [−1, 1] to [0, 1].
 */
final class GaussLegendre {
  private GaussLegendre() {}

  static void unitInterval(int n, double[] points, double[] weights) {
    if (n < 1 || points.length < n || weights.length < n) {
      throw new IllegalArgumentException("need n >= 1 and room for " + n + " points, n = " + n);
    }
    for (int i = 0; i < n; i++) {
      double t = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double derivative = 0;
      for (int iteration = 0; iteration < 100; iteration++) {
        // P_n(t) and P_n'(t) by the three-term recurrence
        double p0 = 1;
        double p1 = t;
        for (int m = 2; m <= n; m++) {
          double p2 = ((2 * m - 1) * t * p1 - (m - 1) * p0) / m;
          p0 = p1;
          p1 = p2;
        }
        double pn = n == 1 ? t : p1;
        double pPrevious = n == 1 ? 1 : p0;
        derivative = n * (t * pn - pPrevious) / (t * t - 1);
        double step = pn / derivative;
        t -= step;
        if (Math.abs(step) < 1e-16) {
          break;
        }
      }
      double w = 2 / ((1 - t * t) * derivative * derivative);
      points[i] = (1 - t) / 2; // ascending in [0, 1]
      weights[i] = w / 2;
    }
  }
}
