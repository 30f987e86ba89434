package dev.yocho.training.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AucTest {

  @Test
  void handComputedWithoutTies() {
    // scikit-learn's roc_auc_score docstring example: of the 4 (positive, negative) pairs,
    // 0.35 > 0.1, 0.35 < 0.4, 0.8 > 0.1, 0.8 > 0.4: 3 of 4 correctly ordered.
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    boolean[] labels = {false, false, true, true};
    assertThat(Auc.of(scores, labels)).isEqualTo(0.75);
  }

  @Test
  void handComputedWithTiesCountingOneHalf() {
    // Positives {0.5, 0.9, 0.5}, negatives {0.5, 0.2}: pairs (0.5,0.5)=1/2, (0.5,0.2)=1,
    // (0.9,0.5)=1, (0.9,0.2)=1, (0.5,0.5)=1/2, (0.5,0.2)=1 -> 5 of 6.
    double[] scores = {0.5, 0.5, 0.2, 0.9, 0.5};
    boolean[] labels = {true, false, false, true, true};
    assertThat(Auc.of(scores, labels)).isCloseTo(5.0 / 6.0, within(1e-15));
  }

  @Test
  void allTiedIsOneHalfAndReversedIsZero() {
    assertThat(Auc.of(new double[] {1, 1, 1, 1}, new boolean[] {true, false, true, false}))
        .isEqualTo(0.5);
    assertThat(Auc.of(new double[] {4, 3, 2, 1}, new boolean[] {false, false, true, true}))
        .isEqualTo(0.0);
  }

  @Test
  void agreesWithPairCountingOnCoarseRandomScores() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 700;
    double[] scores = new double[n];
    boolean[] labels = new boolean[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextDouble() < 0.2;
      scores[i] = Math.floor(random.nextDouble() * 12) + (labels[i] ? 2 : 0); // many ties
    }
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (labels[i] && !labels[j]) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(Auc.of(scores, labels)).isCloseTo(wins / pairs, within(1e-12));
  }

  @Test
  void rejectsOneClassAndNaN() {
    assertThatThrownBy(() -> Auc.of(new double[] {1, 2}, new boolean[] {true, true}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 positives and 0 negatives");
    assertThatThrownBy(() -> Auc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}))
        .hasMessageContaining("score 1 is NaN");
    assertThatThrownBy(() -> Auc.of(new double[] {1}, new boolean[] {true, false}))
        .hasMessageContaining("1 scores but 2 labels");
  }

  @Test
  void foldSummaryUsesThePopulationStandardDeviation() {
    // Values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2 (the textbook example).
    FoldSummary summary = FoldSummary.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
    assertThat(summary.mean()).isEqualTo(5.0);
    assertThat(summary.sd()).isEqualTo(2.0);
  }
}
