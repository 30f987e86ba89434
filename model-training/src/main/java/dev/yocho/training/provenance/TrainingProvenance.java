package dev.yocho.training.provenance;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one model was trained. Maps keep insertion order so that a written record is deterministic
 * (apart from {@code trainedAt}).
 *
 * @param algorithm {@code "gbm"} or {@code "logit"}
 * @param library the learning library and its version, e.g. {@code "xgboost4j 1.6.2"}
 * @param trainer the trainer's own description (Tribuo's trainer {@code toString}, or the
 *     XGBoost objective)
 * @param hyperparameters every hyperparameter value, by name, as recorded
 * @param rows training rows
 * @param positives training defaults
 * @param featureNames the model's feature order
 * @param trainedAt when training finished
 * @param runtime Java version, operating system and architecture
 */
public record TrainingProvenance(
    String algorithm,
    String library,
    String trainer,
    Map<String, String> hyperparameters,
    int rows,
    int positives,
    List<String> featureNames,
    Instant trainedAt,
    Map<String, String> runtime) {

  public TrainingProvenance {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(library, "library");
    Objects.requireNonNull(trainer, "trainer");
    Objects.requireNonNull(trainedAt, "trainedAt");
    hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    runtime = Collections.unmodifiableMap(new LinkedHashMap<>(runtime));
    featureNames = List.copyOf(featureNames);
    if (rows < 0 || positives < 0 || positives > rows) {
      throw new IllegalArgumentException(
          "positives " + positives + " and rows " + rows + " are inconsistent");
    }
  }

  /** The current JVM's version, operating system and architecture. */
  public static Map<String, String> currentRuntime() {
    Map<String, String> runtime = new LinkedHashMap<>();
    runtime.put("java.version", System.getProperty("java.version"));
    runtime.put("os.name", System.getProperty("os.name"));
    runtime.put("os.arch", System.getProperty("os.arch"));
    return runtime;
  }
}
