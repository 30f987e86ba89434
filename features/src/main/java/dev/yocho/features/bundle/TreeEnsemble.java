package dev.yocho.features.bundle;

import java.util.List;

/**
 * A boosted tree ensemble producing one raw margin (log-odds): {@code baseMargin + Σ tree(x)}.
 * This is what the bundle stores beside the ONNX file so that explanations can walk the same trees
 * that ONNX Runtime evaluates.
 */
public record TreeEnsemble(int featureCount, double baseMargin, List<Tree> trees) {

  public TreeEnsemble {
    if (featureCount <= 0) {
      throw new IllegalArgumentException("featureCount must be positive, was " + featureCount);
    }
    trees = List.copyOf(trees);
    for (int t = 0; t < trees.size(); t++) {
      Tree tree = trees.get(t);
      for (int i = 0; i < tree.nodeCount(); i++) {
        if (!tree.isLeaf(i) && tree.feature()[i] >= featureCount) {
          throw new IllegalArgumentException(
              "tree " + t + " node " + i + " splits on feature " + tree.feature()[i] + " of "
                  + featureCount);
        }
      }
    }
  }

  /** Rounds a feature vector to the float precision the trees compare in. */
  public static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }

  /** The raw margin of {@code x} (already rounded to float). */
  public double margin(float[] x) {
    if (x.length != featureCount) {
      throw new IllegalArgumentException(
          "expected " + featureCount + " features, got " + x.length);
    }
    double sum = baseMargin;
    for (Tree tree : trees) {
      sum += tree.predict(x);
    }
    return sum;
  }

  public double margin(double[] x) {
    return margin(toFloat(x));
  }
}
