package dev.yocho.features.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random tree ensembles and rows for round-trip tests. Thresholds and many row values come
 * from the same coarse grid, so rows often sit exactly on a threshold (which must go right), and
 * about a tenth of the values are NaN (which must follow the default child). Shared with the
 * tests of model-training and scoring-service through the features test-jar.
 */
public final class RandomEnsembles {
  private static final float GRID_STEP = 0.25f;
  private static final int GRID_HALF_WIDTH = 12;

  private RandomEnsembles() {}

  /** Full-ish random trees: each node below the root becomes a leaf early with probability 0.1. */
  public static TreeEnsemble deep(
      long seed, int trees, int depth, int features, double baseMargin) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Tree> list = new ArrayList<>();
    for (int t = 0; t < trees; t++) {
      list.add(tree(random, depth, features, -1));
    }
    return new TreeEnsemble(features, baseMargin, list);
  }

  /**
   * A scorecard in tree form: one small tree per feature that splits only on that feature (bins),
   * plus one single-leaf tree holding a constant.
   */
  public static TreeEnsemble scorecard(long seed, int features, double baseMargin) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Tree> list = new ArrayList<>();
    for (int f = 0; f < features; f++) {
      list.add(tree(random, 1 + random.nextInt(3), features, f));
    }
    list.add(
        new Tree(
            new int[] {-1},
            new float[] {0},
            new int[] {-1},
            new int[] {-1},
            new boolean[] {false},
            new double[] {random.nextDouble(-0.5, 0.5)},
            new double[] {100}));
    return new TreeEnsemble(features, baseMargin, list);
  }

  /** Rows of {@code features} values: grid values, continuous values and about 10% NaN. */
  public static float[][] rows(long seed, int count, int features) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] rows = new float[count][features];
    for (float[] row : rows) {
      for (int j = 0; j < features; j++) {
        double u = random.nextDouble();
        if (u < 0.1) {
          row[j] = Float.NaN;
        } else if (u < 0.5) {
          row[j] = gridValue(random);
        } else {
          row[j] = (float) random.nextDouble(-3.5, 3.5);
        }
      }
    }
    return rows;
  }

  /**
   * A copy of {@code row} in which each feature changes with probability {@code changeShare} (to a
   * grid value, a continuous value or NaN); the others keep their exact value, NaN included.
   */
  public static float[] perturb(SplittableRandom random, float[] row, double changeShare) {
    float[] out = row.clone();
    for (int j = 0; j < out.length; j++) {
      if (random.nextDouble() < changeShare) {
        double u = random.nextDouble();
        out[j] =
            u < 0.15
                ? Float.NaN
                : u < 0.6 ? gridValue(random) : (float) random.nextDouble(-3.5, 3.5);
      }
    }
    return out;
  }

  private static float gridValue(SplittableRandom random) {
    return GRID_STEP * (random.nextInt(2 * GRID_HALF_WIDTH + 1) - GRID_HALF_WIDTH);
  }

  /** A random tree; {@code onlyFeature >= 0} restricts every split to that feature. */
  private static Tree tree(SplittableRandom random, int depth, int features, int onlyFeature) {
    Builder b = new Builder();
    b.grow(random, depth, features, onlyFeature, 0);
    return b.build();
  }

  private static final class Builder {
    final List<Integer> feature = new ArrayList<>();
    final List<Float> threshold = new ArrayList<>();
    final List<Integer> left = new ArrayList<>();
    final List<Integer> right = new ArrayList<>();
    final List<Boolean> defaultLeft = new ArrayList<>();
    final List<Double> value = new ArrayList<>();
    final List<Double> cover = new ArrayList<>();

    /** Grows the subtree in pre-order; returns its node index and sets its cover. */
    int grow(SplittableRandom random, int depth, int features, int onlyFeature, int level) {
      int node = feature.size();
      feature.add(-1);
      threshold.add(0f);
      left.add(-1);
      right.add(-1);
      defaultLeft.add(false);
      value.add(0.0);
      cover.add(0.0);
      boolean leaf = level == depth || (level > 0 && random.nextDouble() < 0.1);
      if (leaf) {
        value.set(node, random.nextDouble(-0.3, 0.3));
        cover.set(node, 0.5 + random.nextDouble(50));
        return node;
      }
      feature.set(node, onlyFeature >= 0 ? onlyFeature : random.nextInt(features));
      threshold.set(node, gridValue(random));
      defaultLeft.set(node, random.nextBoolean());
      int l = grow(random, depth, features, onlyFeature, level + 1);
      int r = grow(random, depth, features, onlyFeature, level + 1);
      left.set(node, l);
      right.set(node, r);
      cover.set(node, cover.get(l) + cover.get(r));
      return node;
    }

    Tree build() {
      int n = feature.size();
      int[] f = new int[n];
      float[] th = new float[n];
      int[] l = new int[n];
      int[] r = new int[n];
      boolean[] d = new boolean[n];
      double[] v = new double[n];
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = feature.get(i);
        th[i] = threshold.get(i);
        l[i] = left.get(i);
        r[i] = right.get(i);
        d[i] = defaultLeft.get(i);
        v[i] = value.get(i);
        c[i] = cover.get(i);
      }
      return new Tree(f, th, l, r, d, v, c);
    }
  }
}
