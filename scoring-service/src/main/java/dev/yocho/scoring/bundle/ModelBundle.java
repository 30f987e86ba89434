package dev.yocho.scoring.bundle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.features.bundle.BundleManifest;
import dev.yocho.features.bundle.Calibration;
import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.bundle.TreeEnsembleJson;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.explain.BaselineShapley;
import dev.yocho.scoring.onnx.OnnxScorer;
import dev.yocho.scoring.onnx.ScorerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One verified model bundle (DESIGN section 5), ready to score and explain. Loading checks, in
 * order: the manifest's SHA-256 of every file (a changed, extra or missing file is refused), the
 * feature catalogue version and feature order against this build's {@link FeatureCatalogue}, that
 * the bundle has a model for every {@link Tier}, and for each tier that the ONNX model's {@code
 * metadata_props} name the same version, tier, catalogue version and feature order and that the
 * trees take as many features. Every refusal is an {@link IllegalArgumentException} naming the
 * bundle and the bad file or value.
 *
 * <p>Thread safety: immutable once loaded; scoring and explaining may run on several threads.
 * {@link #close()} releases the ONNX sessions and must not race with them.
 */
public final class ModelBundle implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final String version;
  private final Path directory;
  private final MasterScale masterScale;
  private final Map<Tier, TierModel> tiers;

  private ModelBundle(
      String version, Path directory, MasterScale masterScale, Map<Tier, TierModel> tiers) {
    this.version = version;
    this.directory = directory;
    this.masterScale = masterScale;
    this.tiers = tiers;
  }

  /**
   * Verifies and loads the bundle in {@code directory}.
   *
   * @throws IllegalArgumentException naming the file or value when the bundle is not one this build
   *     can serve
   */
  public static ModelBundle load(Path directory, ScorerOptions options) {
    Objects.requireNonNull(directory, "directory");
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException("model bundle not found: " + directory);
    }
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    BundleManifest manifest;
    try {
      manifest = BundleManifest.verify(directory, catalogue.version(), catalogue.names());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundle " + directory, e);
    }
    String version = manifest.modelVersion();
    String dirName = directory.getFileName().toString();
    if (!version.equals(dirName)) {
      throw new IllegalArgumentException("bundle " + directory + ": its manifest names version '"
          + version + "' but the directory is '" + dirName + "'");
    }
    for (Tier tier : Tier.values()) {
      if (!manifest.tiers().contains(tier.code())) {
        throw new IllegalArgumentException("bundle " + directory + " has no model for tier '"
            + tier.code() + "' (its manifest lists " + manifest.tiers() + ")");
      }
    }
    MasterScale scale = readJson(directory, "master_scale.json", MasterScale.class);
    Map<Tier, TierModel> models = new EnumMap<>(Tier.class);
    try {
      for (Tier tier : Tier.values()) {
        models.put(tier, loadTier(directory, version, tier, catalogue, options));
      }
    } catch (RuntimeException e) {
      for (TierModel m : models.values()) {
        m.scorer().close();
      }
      throw e;
    }
    return new ModelBundle(version, directory, scale, models);
  }

  private static TierModel loadTier(
      Path directory, String version, Tier tier, FeatureCatalogue catalogue,
      ScorerOptions options) {
    Path onnx = require(directory, tier.code() + ".onnx");
    Path trees = require(directory, tier.code() + ".trees.json");
    Calibration calibration = readCalibration(directory, tier.code() + ".calibration.json");
    TreeEnsemble ensemble;
    try {
      ensemble = TreeEnsembleJson.read(trees);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "bundle " + directory + ": " + trees.getFileName() + " is unreadable: " + e.getMessage(),
          e);
    }
    if (ensemble.featureCount() != catalogue.size()) {
      throw new IllegalArgumentException("bundle " + directory + ": " + trees.getFileName()
          + " takes " + ensemble.featureCount() + " features, the catalogue has "
          + catalogue.size());
    }
    OnnxScorer scorer = OnnxScorer.open(onnx, options);
    try {
      checkMetadata(directory, onnx, scorer.metadata(), version, tier, catalogue);
      return new TierModel(
          version, tier, scorer, ensemble, calibration, new BaselineShapley(ensemble));
    } catch (RuntimeException e) {
      scorer.close();
      throw e;
    }
  }

  private static void checkMetadata(
      Path directory, Path onnx, Map<String, String> metadata, String version, Tier tier,
      FeatureCatalogue catalogue) {
    expect(directory, onnx, metadata, "model_version", version);
    expect(directory, onnx, metadata, "tier", tier.code());
    expect(directory, onnx, metadata, "catalogue_version", catalogue.version());
    String names = metadata.get("feature_names");
    List<String> features = names == null ? List.of() : List.of(names.split(",", -1));
    if (!features.equals(catalogue.names())) {
      int i = 0;
      while (i < features.size() && i < catalogue.size()
          && features.get(i).equals(catalogue.names().get(i))) {
        i++;
      }
      throw new IllegalArgumentException("bundle " + directory + ": " + onnx.getFileName()
          + " feature " + i + " is '" + (i < features.size() ? features.get(i) : "(none)")
          + "' but this build computes '"
          + (i < catalogue.size() ? catalogue.names().get(i) : "(none)") + "'");
    }
  }

  private static void expect(
      Path directory, Path onnx, Map<String, String> metadata, String key, String expected) {
    String actual = metadata.get(key);
    if (!expected.equals(actual)) {
      throw new IllegalArgumentException("bundle " + directory + ": " + onnx.getFileName()
          + " metadata " + key + " is '" + actual + "', expected '" + expected + "'");
    }
  }

  private static Path require(Path directory, String name) {
    Path file = directory.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("bundle " + directory + " is missing " + name);
    }
    return file;
  }

  private static Calibration readCalibration(Path directory, String name) {
    Path file = require(directory, name);
    try {
      return Calibration.fromJson(JSON.readTree(file.toFile()));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bundle " + directory + ": " + name + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static <T> T readJson(Path directory, String name, Class<T> type) {
    Path file = require(directory, name);
    try {
      return JSON.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "bundle " + directory + ": " + name + " is unreadable: " + e.getMessage(), e);
    }
  }

  public String version() {
    return version;
  }

  public Path directory() {
    return directory;
  }

  public MasterScale masterScale() {
    return masterScale;
  }

  /** The model of {@code tier}. */
  public TierModel model(Tier tier) {
    return tiers.get(Objects.requireNonNull(tier, "tier"));
  }

  /** The tiers in {@link Tier} order. */
  public List<TierModel> models() {
    return List.copyOf(tiers.values());
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (TierModel m : tiers.values()) {
      try {
        m.scorer().close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "ModelBundle[" + version + " at " + directory + "]";
  }
}
