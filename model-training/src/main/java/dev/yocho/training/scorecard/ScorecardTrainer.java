package dev.yocho.training.scorecard;

import dev.yocho.training.data.LabelledMatrix;
import dev.yocho.training.provenance.TrainingProvenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Fits a logistic scorecard: monotone WoE binning of every feature, then Tribuo's logistic
 * regression (a linear SGD model with the log loss, AdaGrad, seeded) on the WoE values.
 *
 * <p>Tribuo's classifier is two-class multinomial: it keeps a weight row per class. The log-odds
 * of default is the difference of the two rows, which is what the scorecard stores.
 *
 * <p>With risk directions (the catalogue's, DESIGN section 14) a directed feature's bins are
 * monotone in its direction and its coefficient is kept non-negative (WoE is coded so that a
 * positive value is riskier): a directed feature whose fitted coefficient comes out negative —
 * collinear features can do that — is left out and the regression refitted, until none is. The
 * scorecard's margin is then monotone in every directed feature.
 */
public final class ScorecardTrainer {
  static final Label DEFAULT = new Label("default");
  static final Label NO_DEFAULT = new Label("no-default");
  // AdaGrad's epsilon as Tribuo's LogisticRegressionTrainer sets it.
  private static final double ADAGRAD_EPSILON = 0.1;

  /** Refits before the remaining wrong-signed coefficients are set to 0 (they rarely remain). */
  static final int MAX_SIGN_REFITS = 4;

  private final ScorecardConfig config;
  private final int[] directions;

  /** A trainer without risk directions (the tabular mode). */
  public ScorecardTrainer(ScorecardConfig config) {
    this(config, null);
  }

  /**
   * A trainer monotone in every feature {@code j} with {@code directions[j] != 0}.
   *
   * @param directions one of -1, 0, +1 per feature in the matrix's order, or {@code null} for none
   */
  public ScorecardTrainer(ScorecardConfig config, int[] directions) {
    this.config = Objects.requireNonNull(config, "config");
    this.directions = directions == null ? null : directions.clone();
  }

  private int direction(int feature) {
    return directions == null ? 0 : directions[feature];
  }

  public ScorecardConfig config() {
    return config;
  }

  /**
   * Trains on {@code data}.
   *
   * @throws IllegalArgumentException if {@code data} lacks a class
   */
  public ScorecardModel fit(LabelledMatrix data) {
    return fitWithTribuoModel(data).scorecard();
  }

  /** The scorecard and the Tribuo model it was read from (for checks against Tribuo). */
  Fitted fitWithTribuoModel(LabelledMatrix data) {
    data.requireBothClasses();
    if (directions != null && directions.length != data.featureCount()) {
      throw new IllegalArgumentException(directions.length + " directions for "
          + data.featureCount() + " features");
    }
    MonotoneBinner binner = new MonotoneBinner(config);
    List<FeatureBinning> binnings = new ArrayList<>();
    for (int j = 0; j < data.featureCount(); j++) {
      binnings.add(binner.fit(data.column(j), data.labels(), direction(j)));
    }
    String[] woeNames = woeFeatureNames(data.featureCount());
    LinearSGDTrainer trainer = tribuoTrainer();
    boolean[] leftOut = new boolean[data.featureCount()];
    LinearSGDModel model;
    double[] coefficients;
    double intercept;
    int refits = 0;
    while (true) {
      LabelFactory factory = new LabelFactory();
      MutableDataset<Label> dataset = new MutableDataset<>(
          new SimpleDataSourceProvenance("yocho WoE matrix", factory), factory);
      for (int i = 0; i < data.rowCount(); i++) {
        double[] woe = woeRow(binnings, data.rows()[i]);
        for (int j = 0; j < woe.length; j++) {
          if (leftOut[j]) {
            woe[j] = 0; // a zero WoE gives the weight no gradient; its coefficient is read as 0
          }
        }
        dataset.add(example(data.labels()[i] ? DEFAULT : NO_DEFAULT, woeNames, woe));
      }
      model = trainer.train(dataset);

      // Weights: one row per class, one column per feature id, the bias in the last column.
      DenseMatrix weights = model.getWeightsCopy();
      int positiveRow = model.getOutputIDInfo().getID(DEFAULT);
      int negativeRow = model.getOutputIDInfo().getID(NO_DEFAULT);
      ImmutableFeatureMap featureMap = model.getFeatureIDMap();
      coefficients = new double[data.featureCount()];
      for (int j = 0; j < coefficients.length; j++) {
        VariableInfo info = featureMap.get(woeNames[j]);
        // A feature Tribuo never saw non-zero keeps coefficient 0.
        if (info != null && !leftOut[j]) {
          int id = featureMap.getID(woeNames[j]);
          coefficients[j] = weights.get(positiveRow, id) - weights.get(negativeRow, id);
        }
      }
      int bias = featureMap.size();
      intercept = weights.get(positiveRow, bias) - weights.get(negativeRow, bias);
      boolean wrongSign = false;
      for (int j = 0; j < coefficients.length; j++) {
        if (direction(j) != 0 && coefficients[j] < 0) {
          wrongSign = true;
          leftOut[j] = true;
        }
      }
      if (!wrongSign) {
        break;
      }
      if (refits == MAX_SIGN_REFITS) {
        for (int j = 0; j < coefficients.length; j++) {
          if (direction(j) != 0 && coefficients[j] < 0) {
            coefficients[j] = 0;
          }
        }
        break;
      }
      refits++;
    }

    Map<String, String> hyperparameters = new LinkedHashMap<>(config.asMap());
    hyperparameters.put("optimiser", "AdaGrad(learningRate=" + config.learningRate()
        + ",epsilon=" + ADAGRAD_EPSILON + ")");
    if (directions != null) {
      StringBuilder left = new StringBuilder();
      for (int j = 0; j < leftOut.length; j++) {
        if (leftOut[j]) {
          left.append(left.length() == 0 ? "" : ",").append(data.featureNames().get(j));
        }
      }
      hyperparameters.put("monotone", "directions of the feature catalogue; left out for a"
          + " wrong-signed coefficient: [" + left + "]");
    }
    TrainingProvenance provenance = new TrainingProvenance(
        "logit",
        "tribuo " + Tribuo.VERSION,
        trainer.toString(),
        hyperparameters,
        data.rowCount(),
        data.positives(),
        data.featureNames(),
        Instant.now(),
        TrainingProvenance.currentRuntime());
    ScorecardModel scorecard = new ScorecardModel(data.featureNames(), binnings, coefficients,
        intercept, config, provenance);
    return new Fitted(scorecard, model, woeNames);
  }

  LinearSGDTrainer tribuoTrainer() {
    // Logging interval -1: Tribuo logs no loss lines (standard output stays machine-readable).
    return new LinearSGDTrainer(new LogMulticlass(),
        new AdaGrad(config.learningRate(), ADAGRAD_EPSILON), config.epochs(), -1,
        config.minibatchSize(), config.seed());
  }

  static double[] woeRow(List<FeatureBinning> binnings, double[] row) {
    double[] woe = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      woe[j] = binnings.get(j).woeOf(row[j]);
    }
    return woe;
  }

  static ArrayExample<Label> example(Label label, String[] names, double[] values) {
    return new ArrayExample<>(label, names, values);
  }

  /** Zero-padded so that Tribuo's name-sorted feature ids follow the column order. */
  static String[] woeFeatureNames(int count) {
    String[] names = new String[count];
    for (int j = 0; j < count; j++) {
      names[j] = String.format(java.util.Locale.ROOT, "woe%05d", j);
    }
    return names;
  }

  /** A fitted scorecard together with the Tribuo model whose weights it holds. */
  record Fitted(ScorecardModel scorecard, LinearSGDModel tribuoModel, String[] woeNames) {}
}
