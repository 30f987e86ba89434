package dev.yocho.scoring.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.Tier;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.testing.GoldenUniverse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and verifying the committed golden bundles, and refusing damaged copies of them. */
class ModelBundleTest {
  @TempDir Path dir;

  @Test
  void loadsTheGoldenBundleWithBothTiersAndTheStandardScale() {
    try (ModelBundle bundle =
        ModelBundle.load(GoldenUniverse.bundle(GoldenUniverse.GBM), ScorerOptions.defaults())) {
      assertThat(bundle.version()).isEqualTo(GoldenUniverse.GBM);
      assertThat(bundle.masterScale()).isEqualTo(MasterScale.standard());
      for (Tier tier : Tier.values()) {
        TierModel m = bundle.model(tier);
        assertThat(m.tier()).isEqualTo(tier);
        assertThat(m.modelVersion()).isEqualTo(GoldenUniverse.GBM);
        assertThat(m.scorer().featureCount()).isEqualTo(FeatureCatalogue.current().size());
        assertThat(m.scorer().metadata()).containsEntry("tier", tier.code());
      }
    }
  }

  @Test
  void storeServesTheVersionNamedByCurrentAndLoadsOlderOnes() {
    Path root = GoldenUniverse.modelsRoot(dir, GoldenUniverse.LOGIT);
    try (ModelStore store = new ModelStore(root, ScorerOptions.defaults())) {
      assertThat(store.currentVersion()).isEqualTo(GoldenUniverse.LOGIT);
      assertThat(store.current().version()).isEqualTo(GoldenUniverse.LOGIT);
      assertThat(store.load(GoldenUniverse.GBM).version()).isEqualTo(GoldenUniverse.GBM);
      assertThat(store.load(GoldenUniverse.GBM)).isSameAs(store.load(GoldenUniverse.GBM));
    }
  }

  @Test
  void refusesAChangedFileNamingIt() throws IOException {
    Path copy = copyOfGbm();
    Path calibration = copy.resolve("thin.calibration.json");
    Files.writeString(calibration, Files.readString(calibration).replace("[", "[ "));
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum mismatch for thin.calibration.json");
  }

  @Test
  void refusesACalibrationOfTheEarlierStepFormatSayingToRetrain() throws IOException {
    Path copy = copyOfGbm();
    // the step calibration of bundles before this format: PD knots, flat beyond the ends
    Files.writeString(copy.resolve("thin.calibration.json"),
        "{\"margins\":[-5.0,-3.0],\"pds\":[0.001,0.02]}");
    dev.yocho.features.bundle.BundleManifest manifest = dev.yocho.features.bundle.BundleManifest
        .verify(GoldenUniverse.bundle(GoldenUniverse.GBM), FeatureCatalogue.current().version(),
            FeatureCatalogue.current().names());
    dev.yocho.features.bundle.BundleManifest.write(copy, manifest.modelVersion(),
        manifest.catalogueVersion(), manifest.features(), manifest.tiers());
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thin.calibration.json")
        .hasMessageContaining("earlier bundle format")
        .hasMessageContaining("retrain");
  }

  @Test
  void refusesAMissingFileNamingIt() throws IOException {
    Path copy = copyOfGbm();
    Files.delete(copy.resolve("full.onnx"));
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing full.onnx");
  }

  @Test
  void refusesAnExtraFileAndAMissingManifest() throws IOException {
    Path copy = copyOfGbm();
    Files.writeString(copy.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .hasMessageContaining("not in its manifest: notes.txt");
    Files.delete(copy.resolve("notes.txt"));
    Files.delete(copy.resolve("manifest.json"));
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no manifest.json");
  }

  @Test
  void refusesAManifestWithAnotherFeatureOrderOrCatalogue() throws IOException {
    Path copy = copyOfGbm();
    Path manifest = copy.resolve("manifest.json");
    String original = Files.readString(manifest);
    Files.writeString(manifest, original.replace(
        "\"interest_burden_to_sales\", \"non_operating_expense_to_sales\"",
        "\"non_operating_expense_to_sales\", \"interest_burden_to_sales\""));
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("feature 1 is 'non_operating_expense_to_sales'");
    String catalogue = FeatureCatalogue.current().version();
    Files.writeString(manifest, original.replace(catalogue, "fc-0000000000000000"));
    assertThatThrownBy(() -> ModelBundle.load(copy, ScorerOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fc-0000000000000000");
  }

  @Test
  void refusesAMissingOrMalformedCurrentAndAnUnknownVersion() throws IOException {
    Path root = GoldenUniverse.modelsRoot(dir, GoldenUniverse.GBM);
    try (ModelStore store = new ModelStore(root, ScorerOptions.defaults())) {
      assertThatThrownBy(() -> store.load("gbm-000000000000"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model version gbm-000000000000 is not in the models directory");
      GoldenUniverse.setCurrent(root, "../elsewhere");
      assertThatThrownBy(store::currentVersion)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'../elsewhere'");
      Files.delete(root.resolve("CURRENT"));
      assertThatThrownBy(store::currentVersion)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no CURRENT");
    }
    assertThatThrownBy(() -> new ModelStore(dir.resolve("nowhere"), ScorerOptions.defaults())
        .currentVersion()).hasMessageContaining("models directory not found");
  }

  private Path copyOfGbm() throws IOException {
    Path copy = dir.resolve("copy").resolve(GoldenUniverse.GBM);
    GoldenUniverse.copyTree(GoldenUniverse.bundle(GoldenUniverse.GBM), copy);
    return copy;
  }
}
