package dev.yocho.training.data;

/**
 * The 32-bit Mersenne Twister (Matsumoto and Nishimura 1998) seeded as NumPy's legacy {@code
 * RandomState(seed)} seeds it ({@code init_genrand}), with NumPy's bounded-integer draw. It exists
 * so that {@link StratifiedFolds} assigns the same folds as scikit-learn's {@code
 * StratifiedKFold(shuffle=True, random_state=seed)}, which lets yocho and the Python peers be
 * compared on identical folds.
 */
final class Mt19937 {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] state = new int[N];
  private int position;

  Mt19937(long seed) {
    if (seed < 0 || seed > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("seed must be in [0, 2^32 - 1], was " + seed);
    }
    state[0] = (int) seed;
    for (int i = 1; i < N; i++) {
      int previous = state[i - 1];
      state[i] = 1812433253 * (previous ^ (previous >>> 30)) + i;
    }
    position = N;
  }

  /** The next 32 random bits, as an unsigned value. */
  long nextUnsignedInt() {
    if (position >= N) {
      twist();
    }
    int y = state[position++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xFFFFFFFFL;
  }

  /** A uniform integer in {@code [0, max]} by masked rejection (NumPy's {@code random_interval}). */
  long nextInterval(long max) {
    if (max < 0 || max > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("max must be in [0, 2^32 - 1], was " + max);
    }
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long value;
    do {
      value = nextUnsignedInt() & mask;
    } while (value > max);
    return value;
  }

  /** Shuffles {@code values} in place as NumPy's legacy {@code RandomState.shuffle} does. */
  void shuffle(int[] values) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = (int) nextInterval(i);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  private void twist() {
    for (int k = 0; k < N; k++) {
      int y = (state[k] & 0x80000000) | (state[(k + 1) % N] & 0x7fffffff);
      int next = state[(k + M) % N] ^ (y >>> 1);
      if ((y & 1) != 0) {
        next ^= 0x9908b0df;
      }
      state[k] = next;
    }
    position = 0;
  }
}
