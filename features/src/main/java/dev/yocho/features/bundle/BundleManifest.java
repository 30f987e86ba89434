package dev.yocho.features.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The manifest of a model bundle ({@value #FILE}): what the bundle is (version, feature catalogue
 * and feature order, tiers) and the SHA-256 of every other file in it. A bundle directory is
 * immutable once written; {@link #verify} refuses one whose files were changed, added or removed,
 * or whose features are not the ones the reader computes.
 *
 * @param modelVersion the bundle's identifier (its directory name)
 * @param catalogueVersion the feature catalogue version the models were trained on
 * @param features feature names in model input order
 * @param tiers the data tiers with a model, e.g. {@code [full, thin]}
 * @param files file name → lower-case hex SHA-256, sorted by name
 */
public record BundleManifest(
    String modelVersion,
    String catalogueVersion,
    List<String> features,
    List<String> tiers,
    Map<String, String> files) {

  public static final String FILE = "manifest.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public BundleManifest {
    if (modelVersion == null || modelVersion.isBlank()) {
      throw new IllegalArgumentException("a bundle needs a model version");
    }
    features = List.copyOf(features);
    tiers = List.copyOf(tiers);
    files = new TreeMap<>(files);
  }

  /** Hashes every regular file of {@code dir} except the manifest and writes the manifest. */
  public static BundleManifest write(
      Path dir, String modelVersion, String catalogueVersion, List<String> features,
      List<String> tiers) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    for (Path file : listFiles(dir)) {
      hashes.put(file.getFileName().toString(), sha256(file));
    }
    BundleManifest manifest =
        new BundleManifest(modelVersion, catalogueVersion, features, tiers, hashes);
    Files.writeString(dir.resolve(FILE), MAPPER.writeValueAsString(manifest));
    return manifest;
  }

  /**
   * Reads the manifest of {@code dir} and checks every file against it, and the feature list
   * against what the reader computes. Any mismatch is an {@link IllegalArgumentException} naming
   * the file or the feature.
   */
  public static BundleManifest verify(
      Path dir, String expectedCatalogueVersion, List<String> expectedFeatures) throws IOException {
    Path manifestFile = dir.resolve(FILE);
    BundleManifest manifest;
    try {
      manifest = MAPPER.readValue(Files.readString(manifestFile), BundleManifest.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("bundle " + dir + " has no " + FILE, e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "bundle " + dir + ": " + FILE + " is not a valid manifest: " + e.getOriginalMessage(), e);
    }
    List<String> present = new ArrayList<>();
    for (Path file : listFiles(dir)) {
      String name = file.getFileName().toString();
      present.add(name);
      String expected = manifest.files().get(name);
      if (expected == null) {
        throw new IllegalArgumentException(
            "bundle " + dir + " has a file not in its manifest: " + name);
      }
      String actual = sha256(file);
      if (!actual.equals(expected)) {
        throw new IllegalArgumentException("bundle " + dir + ": checksum mismatch for " + name
            + " (manifest " + expected + ", file " + actual + ")");
      }
    }
    for (String name : manifest.files().keySet()) {
      if (!present.contains(name)) {
        throw new IllegalArgumentException("bundle " + dir + " is missing " + name);
      }
    }
    if (!manifest.catalogueVersion().equals(expectedCatalogueVersion)) {
      throw new IllegalArgumentException("bundle " + dir + " was trained on feature catalogue "
          + manifest.catalogueVersion() + " but this reader computes " + expectedCatalogueVersion);
    }
    if (!manifest.features().equals(expectedFeatures)) {
      int n = Math.min(manifest.features().size(), expectedFeatures.size());
      int i = 0;
      while (i < n && manifest.features().get(i).equals(expectedFeatures.get(i))) {
        i++;
      }
      throw new IllegalArgumentException("bundle " + dir + ": feature " + i + " is '"
          + (i < manifest.features().size() ? manifest.features().get(i) : "(none)")
          + "' but this reader computes '"
          + (i < expectedFeatures.size() ? expectedFeatures.get(i) : "(none)") + "'");
    }
    return manifest;
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(FILE))
          .sorted()
          .toList();
    }
  }

  /** Lower-case hex SHA-256 of a file. */
  public static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
