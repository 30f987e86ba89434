package dev.yocho.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {
  private static final boolean[] LABELS = labels(
      0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0);

  private static boolean[] labels(int... values) {
    boolean[] labels = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      labels[i] = values[i] == 1;
    }
    return labels;
  }

  @Test
  void matchesScikitLearnStratifiedKFold() {
    // Expected folds printed by scikit-learn 1.2.1 / NumPy 1.24.2:
    //   StratifiedKFold(n_splits=k, shuffle=True, random_state=s).split(X, y)
    assertThat(StratifiedFolds.assign(LABELS, 3, 0)).containsExactly(
        1, 1, 1, 0, 2, 0, 2, 0, 2, 1, 1, 0, 2, 1, 2, 0, 0, 0, 1, 2);
    assertThat(StratifiedFolds.assign(LABELS, 5, 0)).containsExactly(
        2, 3, 2, 1, 4, 1, 3, 0, 4, 2, 3, 0, 4, 2, 3, 1, 0, 0, 1, 4);
    assertThat(StratifiedFolds.assign(LABELS, 3, 7)).containsExactly(
        2, 0, 2, 0, 2, 2, 1, 0, 0, 1, 2, 1, 0, 1, 2, 0, 1, 1, 1, 0);
    assertThat(StratifiedFolds.assign(LABELS, 5, 7)).containsExactly(
        4, 1, 3, 0, 4, 4, 1, 0, 0, 3, 4, 2, 0, 2, 3, 1, 2, 2, 3, 1);
  }

  @Test
  void mersenneTwisterReferenceOutput() {
    // The first output of MT19937 seeded with 5489 (the reference implementation's default seed,
    // and the 10000th of C++ std::mt19937 is 4123659995).
    Mt19937 twister = new Mt19937(5489);
    assertThat(twister.nextUnsignedInt()).isEqualTo(3499211612L);
    for (int i = 2; i < 10_000; i++) {
      twister.nextUnsignedInt();
    }
    assertThat(twister.nextUnsignedInt()).isEqualTo(4123659995L);
  }

  @Test
  void deterministicAndStratifiedOnLargerData() {
    SplittableRandom random = new SplittableRandom(1);
    boolean[] labels = new boolean[5000];
    int positives = 0;
    for (int i = 0; i < labels.length; i++) {
      labels[i] = random.nextDouble() < 0.07;
      positives += labels[i] ? 1 : 0;
    }
    int[] folds = StratifiedFolds.assign(labels, 10, 42);
    assertThat(StratifiedFolds.assign(labels, 10, 42)).isEqualTo(folds);
    assertThat(StratifiedFolds.assign(labels, 10, 43)).isNotEqualTo(folds);
    for (int f = 0; f < 10; f++) {
      int[] test = StratifiedFolds.rows(folds, f, true);
      int[] train = StratifiedFolds.rows(folds, f, false);
      assertThat(test.length + train.length).isEqualTo(labels.length);
      int foldPositives = 0;
      for (int i : test) {
        foldPositives += labels[i] ? 1 : 0;
      }
      assertThat(foldPositives).isBetween(positives / 10, positives / 10 + 1);
      assertThat(test.length).isBetween(labels.length / 10 - 1, labels.length / 10 + 1);
    }
  }

  @Test
  void rejectsTooFewRowsOfAClassAndBadArguments() {
    assertThatThrownBy(() -> StratifiedFolds.assign(LABELS, 7, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot split 6 rows of class true into 7 folds");
    assertThatThrownBy(() -> StratifiedFolds.assign(LABELS, 1, 0))
        .hasMessageContaining("folds must be at least 2, was 1");
    assertThatThrownBy(() -> StratifiedFolds.assign(LABELS, 3, -1))
        .hasMessageContaining("seed must be in [0, 2^32 - 1], was -1");
  }
}
