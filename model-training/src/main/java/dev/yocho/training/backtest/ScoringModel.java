package dev.yocho.training.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.UsageException;
import dev.yocho.features.bundle.BundleManifest;
import dev.yocho.features.bundle.Calibration;
import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.Tier;
import dev.yocho.training.pipeline.TrainingPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * A bundle read for scoring in a backtest: each tier's own trees ({@code *.trees.json}, the
 * structure serving evaluates) and calibration, the master scale and the provenance. The bundle is
 * verified first (checksums, catalogue version, feature order): a bundle that does not match the
 * features this build computes is the caller's fault.
 *
 * @param version the bundle's model version
 * @param dir the bundle directory
 * @param trainFrom first training as-of date (provenance {@code train_window})
 * @param trainTo last training as-of date
 * @param provenance the bundle's {@code provenance.json}
 */
public record ScoringModel(
    String version,
    Path dir,
    Map<Tier, TreeEnsemble> ensembles,
    Map<Tier, Calibration> calibrations,
    MasterScale scale,
    LocalDate trainFrom,
    LocalDate trainTo,
    JsonNode provenance) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code DIR/CURRENT}'s bundle when {@code path} is a models root, else {@code path}. */
  public static Path resolve(Path path) throws IOException {
    if (Files.isRegularFile(path.resolve(BundleManifest.FILE))) {
      return path;
    }
    Path current = path.resolve(TrainingPipeline.CURRENT);
    if (Files.isRegularFile(current)) {
      return path.resolve(Files.readString(current).trim());
    }
    throw new UsageException("no model bundle at " + path
        + " (neither a bundle with manifest.json nor a models directory with CURRENT; run yocho"
        + " train first)");
  }

  public static ScoringModel load(Path bundle) throws IOException {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    BundleManifest manifest;
    try {
      manifest = BundleManifest.verify(bundle, catalogue.version(), catalogue.names());
    } catch (IllegalArgumentException e) {
      throw new UsageException("the bundle does not match this database's features: "
          + e.getMessage(), e);
    }
    Map<Tier, TreeEnsemble> ensembles = new EnumMap<>(Tier.class);
    Map<Tier, Calibration> calibrations = new EnumMap<>(Tier.class);
    for (Tier tier : Tier.values()) {
      if (!manifest.tiers().contains(tier.code())) {
        throw new UsageException("bundle " + bundle + " has no model for the " + tier.code()
            + " tier");
      }
      ensembles.put(tier, TreeEnsembleJson.read(bundle.resolve(tier.code() + ".trees.json")));
      JsonNode c = JSON.readTree(bundle.resolve(tier.code() + ".calibration.json").toFile());
      try {
        calibrations.put(tier, Calibration.fromJson(c));
      } catch (IllegalArgumentException e) {
        throw new UsageException("bundle " + bundle + ": " + tier.code() + ".calibration.json: "
            + e.getMessage(), e);
      }
    }
    MasterScale scale = JSON.readValue(bundle.resolve("master_scale.json").toFile(),
        MasterScale.class);
    JsonNode provenance = JSON.readTree(bundle.resolve("provenance.json").toFile());
    String[] window = provenance.path("train_window").asText("").split("/");
    if (window.length != 2) {
      throw new UsageException("bundle " + bundle + ": provenance.json has no train_window");
    }
    return new ScoringModel(manifest.modelVersion(), bundle, ensembles, calibrations, scale,
        LocalDate.parse(window[0]), LocalDate.parse(window[1]), provenance);
  }


  /** The PD of a feature row of a tier, after the master scale's floor (as serving stores it). */
  public double pd(Tier tier, double[] features) {
    return scale.floored(calibrations.get(tier).pd(ensembles.get(tier).margin(features)));
  }
}
