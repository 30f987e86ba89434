package dev.yocho.features.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AucTest {
  @Test
  void handComputedExampleWithTies() {
    // positives score {0.9, 0.5, 0.5}, negatives {0.5, 0.2, 0.1, 0.5}.
    // Pairs (12): 0.9 beats all 4; each 0.5 beats 0.2 and 0.1 and ties two 0.5s → 2 + 2·½ = 3.
    // AUC = (4 + 3 + 3) / 12 = 10/12.
    double[] s = {0.9, 0.5, 0.5, 0.5, 0.2, 0.1, 0.5};
    boolean[] y = {true, true, true, false, false, false, false};
    assertThat(Auc.of(s, y)).isCloseTo(10.0 / 12.0, within(1e-15));
  }

  @Test
  void perfectReversedAndConstantScores() {
    double[] s = {1, 2, 3, 4};
    assertThat(Auc.of(s, new boolean[] {false, false, true, true})).isEqualTo(1.0);
    assertThat(Auc.of(s, new boolean[] {true, true, false, false})).isEqualTo(0.0);
    assertThat(Auc.of(new double[] {7, 7, 7}, new boolean[] {true, false, false})).isEqualTo(0.5);
    assertThat(Auc.of(s, new boolean[] {false, false, false, false})).isNaN();
  }

  @Test
  void agreesWithTheQuadraticPairCountOnRandomData() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 2_000;
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      s[i] = Math.floor(r.nextDouble() * 50); // many ties
      y[i] = r.nextDouble() < 0.1 + s[i] / 100;
    }
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (y[i] && !y[j]) {
          pairs++;
          wins += s[i] > s[j] ? 1 : (s[i] == s[j] ? 0.5 : 0);
        }
      }
    }
    assertThat(Auc.of(s, y)).isCloseTo(wins / pairs, within(1e-12));
  }

  @Test
  void mismatchedLengthsAreTheCallersFault() {
    assertThatThrownBy(() -> Auc.of(new double[2], new boolean[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differ in length");
  }
}
