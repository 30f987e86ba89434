package dev.yocho.training.gbm;

import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.training.provenance.TrainingProvenance;
import java.util.Objects;

/**
 * A trained gradient-boosted tree model: its trees in the shared contract, the configuration that
 * produced it and its provenance.
 */
public record GbmModel(TreeEnsemble ensemble, GbmConfig config, TrainingProvenance provenance) {

  public GbmModel {
    Objects.requireNonNull(ensemble, "ensemble");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(provenance, "provenance");
  }

  /** The raw margin (log-odds) of one row ({@code NaN} = missing). */
  public double margin(double[] row) {
    return ensemble.margin(row);
  }
}
