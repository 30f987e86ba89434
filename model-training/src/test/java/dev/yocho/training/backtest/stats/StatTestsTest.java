package dev.yocho.training.backtest.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each validation statistic against a known value; the provenance is beside each number. */
class StatTestsTest {

  @Test
  void deLongMatchesAHandComputationAndABruteForceReference() {
    // by hand: positives {0.8, 0.4}, negatives {0.6, 0.2}. V10 = (1, 1/2), V01 = (1/2, 1);
    // AUC = 3/4; S10 = S01 = ((1/4)² + (1/4)²) / 1 = 1/8; Var = S10/2 + S01/2 = 1/8
    DeLong small = DeLong.of(new double[] {0.8, 0.6, 0.4, 0.2},
        new boolean[] {true, false, true, false});
    assertThat(small.auc()).isEqualTo(0.75);
    assertThat(small.variance()).isCloseTo(0.125, within(1e-15));
    // with ties: the O(m n) definition of the structural components (ψ = 1, 1/2, 0), computed in
    // numpy on this machine: AUC 0.8, variance 0.02023809523809524
    DeLong tied = DeLong.of(
        new double[] {0.9, 0.8, 0.7, 0.55, 0.4, 0.7, 0.6, 0.5, 0.45, 0.4, 0.3, 0.2},
        new boolean[] {true, true, true, true, true, false, false, false, false, false, false,
            false});
    assertThat(tied.auc()).isCloseTo(0.8, within(1e-15));
    assertThat(tied.variance()).isCloseTo(0.02023809523809524, within(1e-15));
    assertThat(tied.lower95()).isCloseTo(0.8 - 1.959963984540054 * Math.sqrt(0.02023809523809524),
        within(1e-12));
    // perfect separation: every component is 1, variance 0
    DeLong perfect = DeLong.of(new double[] {3, 2, 1, 0}, new boolean[] {true, true, false, false});
    assertThat(perfect.auc()).isEqualTo(1.0);
    assertThat(perfect.variance()).isEqualTo(0.0);
  }

  @Test
  void jeffreysPValueIsTheBetaPosteriorAtThePd() {
    // scipy.stats.beta.cdf(pd, D + 0.5, N − D + 0.5)
    assertThat(Jeffreys.pValue(0.01, 3, 100)).isCloseTo(0.03932450473955552, within(1e-13));
    assertThat(Jeffreys.pValue(0.02, 15, 500)).isCloseTo(0.06225403571379777, within(1e-13));
    assertThat(Jeffreys.pValue(0.005, 12, 1000)).isCloseTo(0.0032605229261583515, within(1e-14));
    assertThat(Jeffreys.pValue(0.03, 0, 50)).isCloseTo(0.9198188936966821, within(1e-13));
    // more defaults → smaller p-value (the PD looks more underestimated)
    assertThat(Jeffreys.pValue(0.01, 4, 100)).isLessThan(Jeffreys.pValue(0.01, 3, 100));
    assertThatThrownBy(() -> Jeffreys.pValue(0.01, 5, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5");
  }

  @Test
  void binomialTestIsTheExactUpperTail() {
    // closed form by summation: P(X ≥ 1) = 1 − (1 − p)^N
    assertThat(BinomialTest.upperPValue(0.02, 1, 40)).isCloseTo(1 - Math.pow(0.98, 40), within(1e-14));
    // P(X ≥ 2) = 1 − (1−p)^N − N p (1−p)^(N−1)
    double p2 = 1 - Math.pow(0.97, 25) - 25 * 0.03 * Math.pow(0.97, 24);
    assertThat(BinomialTest.upperPValue(0.03, 2, 25)).isCloseTo(p2, within(1e-14));
    // scipy.stats.binom.sf(D − 1, N, pd)
    assertThat(BinomialTest.upperPValue(0.01, 3, 100)).isCloseTo(0.07937320225218046, within(1e-13));
    assertThat(BinomialTest.upperPValue(0.02, 15, 500)).isCloseTo(0.08135689951689387, within(1e-13));
    assertThat(BinomialTest.upperPValue(0.005, 12, 1000)).isCloseTo(0.005330011206256366, within(1e-14));
    assertThat(BinomialTest.upperPValue(0.2, 0, 10)).isEqualTo(1.0);
  }

  @Test
  void hosmerLemeshowByHand() {
    // by hand: group 1: N 100, mean PD 0.01, 3 defaults: (3 − 1)² / (1 × 0.99) = 4.040404…
    // group 2: N 50, mean PD 0.1, 2 defaults: (2 − 5)² / (5 × 0.9) = 2; H = 6.040404…, df 2,
    // p = exp(−H/2) (chi-square with 2 degrees of freedom)
    HosmerLemeshow hl = HosmerLemeshow.of(new long[] {100, 50, 0}, new long[] {3, 2, 0},
        new double[] {1.0, 5.0, 0});
    double h = 4 / 0.99 + 2;
    assertThat(hl.statistic()).isCloseTo(h, within(1e-12));
    assertThat(hl.degreesOfFreedom()).isEqualTo(2);
    assertThat(hl.pValue()).isCloseTo(Math.exp(-h / 2), within(1e-13));
  }

  @Test
  void psiByHand() {
    // by hand: shares (0.5, 0.3, 0.2) → (0.4, 0.4, 0.2):
    // (0.4 − 0.5) ln(0.8) + (0.4 − 0.3) ln(4/3) + 0 = 0.0510825… 
    double expected = -0.1 * Math.log(0.8) + 0.1 * Math.log(4.0 / 3);
    assertThat(Psi.of(new long[] {50, 30, 20}, new long[] {40, 40, 20}))
        .isCloseTo(expected, within(1e-15));
    assertThat(Psi.of(new long[] {5, 3, 2}, new long[] {50, 30, 20})).isEqualTo(0.0);
    // an empty current bin counts as share 1e-4: (1e-4 − 0.5) ln(1e-4 / 0.5) + (0.9999 − 0.5) ln(0.9999 / 0.5)
    double floored = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1.0 - 0.5) * Math.log(1.0 / 0.5);
    assertThat(Psi.of(new long[] {1, 1}, new long[] {0, 7})).isCloseTo(floored, within(1e-12));
  }

  @Test
  void matrixWeightedBandwidthMatchesMathWorksExample() {
    // MathWorks Risk Management Toolbox, risk.validation.matrixWeightedBandwidth documentation
    // example (R2026a), implementing ECB 2019 section 2.5.5.1: lower 0.3306, upper 0.6066; the
    // exact fractions (numpy, this machine): 0.33064516129032256 and 0.6066066066066066
    long[][] counts = {
        {10, 8, 15, 9, 10}, {11, 9, 13, 9, 8}, {0, 10, 10, 11, 10}, {0, 0, 9, 11, 11},
        {0, 0, 0, 11, 10}};
    MigrationMatrix m = new MigrationMatrix(counts, new long[5]);
    assertThat(m.lowerBandwidth()).isCloseTo(0.33064516129032256, within(1e-15));
    assertThat(m.upperBandwidth()).isCloseTo(0.6066066066066066, within(1e-15));
    // by hand, one-notch moves in a 3-grade matrix: upper = (1 + 1) / (2·1 + 1·1) = 2/3,
    // lower = (1 + 1) / (1·1 + 2·1) = 2/3; the farthest moves only (1 → 3, 3 → 1) give 1
    long[][] oneNotch = {{5, 1, 0}, {1, 5, 1}, {0, 1, 5}};
    MigrationMatrix near = new MigrationMatrix(oneNotch, new long[3]);
    assertThat(near.upperBandwidth()).isCloseTo(2.0 / 3, within(1e-15));
    assertThat(near.lowerBandwidth()).isCloseTo(2.0 / 3, within(1e-15));
    long[][] farthest = {{5, 0, 2}, {0, 5, 0}, {3, 0, 5}};
    assertThat(new MigrationMatrix(farthest, new long[3]).upperBandwidth()).isEqualTo(1.0);
    assertThat(new MigrationMatrix(farthest, new long[3]).lowerBandwidth()).isEqualTo(1.0);
  }

  @Test
  void monotonicityFlagsRatesRisingAwayFromTheDiagonal() {
    // row 1 of the MathWorks matrix: 8 → 15 rises from one notch to two (violation), 15 → 9 → 10
    // rises again from three to four notches (9 → 10); z for 8 → 15 by hand: p = 8/52, 15/52,
    // σ² = (p1 (1 − p1) + p2 (1 − p2) + 2 p1 p2) / 52
    long[][] counts = {
        {10, 8, 15, 9, 10}, {11, 9, 13, 9, 8}, {0, 10, 10, 11, 10}, {0, 0, 9, 11, 11},
        {0, 0, 0, 11, 10}};
    var violations = new MigrationMatrix(counts, new long[5]).monotonicityViolations();
    var first = violations.get(0);
    assertThat(first.fromGrade()).isEqualTo(1);
    assertThat(first.nearGrade()).isEqualTo(2);
    assertThat(first.farGrade()).isEqualTo(3);
    double p1 = 8 / 52.0;
    double p2 = 15 / 52.0;
    double z = (p2 - p1) / Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2) + 2 * p1 * p2) / 52);
    assertThat(first.z()).isCloseTo(z, within(1e-12));
    assertThat(first.pValue()).isCloseTo(1 - SpecialFunctions.normalCdf(z), within(1e-15));
    // by hand, the other rows fall away from the diagonal: exactly two violations, both in row 1
    assertThat(violations).extracting(v -> v.nearGrade() + ">" + v.farGrade())
        .containsExactly("2>3", "4>5");
    long[][] monotone = {{8, 2, 1}, {2, 8, 2}, {1, 2, 8}};
    assertThat(new MigrationMatrix(monotone, new long[3]).monotonicityViolations()).isEmpty();
  }

  @Test
  void herfindahlClosedForms() {
    // an even spread: H = 1/K, CV = 0, HI = 0; everything in one grade: H = 1, CV² = K − 1, HI = 1
    Herfindahl even = Herfindahl.of(new long[] {5, 5, 5, 5});
    assertThat(even.herfindahl()).isCloseTo(0.25, within(1e-15));
    assertThat(even.normalised()).isCloseTo(0.0, within(1e-15));
    Herfindahl one = Herfindahl.of(new long[] {0, 12, 0, 0});
    assertThat(one.coefficientOfVariation()).isCloseTo(Math.sqrt(3), within(1e-15));
    assertThat(one.normalised()).isCloseTo(1.0, within(1e-15));
    // by hand: shares (0.5, 0.25, 0.25): H = 0.375; HI = 1 + ln(H) / ln 3 (since CV² + 1 = K H)
    Herfindahl mixed = Herfindahl.of(new long[] {2, 1, 1});
    assertThat(mixed.herfindahl()).isCloseTo(0.375, within(1e-15));
    assertThat(mixed.normalised()).isCloseTo(1 + Math.log(0.375) / Math.log(3), within(1e-15));
  }

  @Test
  void aucDeclineTestIsOneSidedNormal() {
    // z = (0.80 − 0.76) / 0.0204 = 1.96…; p = 1 − Φ(z); at z = 1.959963984540054, p = 0.025
    AucDeclineTest t = AucDeclineTest.of(0.80, 0.80 - 0.02 * SpecialFunctions.Z_975, 0.02);
    assertThat(t.z()).isCloseTo(SpecialFunctions.Z_975, within(1e-12));
    assertThat(t.pValue()).isCloseTo(0.025, within(1e-12));
    // a rise in AUC gives a p-value above 1/2
    assertThat(AucDeclineTest.of(0.75, 0.78, 0.01).pValue()).isGreaterThan(0.5);
  }
}
