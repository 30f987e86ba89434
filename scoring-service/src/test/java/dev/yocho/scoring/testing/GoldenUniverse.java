package dev.yocho.scoring.testing;

import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The small universe the golden bundles under {@code src/test/resources/bundle/} were trained on,
 * and a models root holding copies of those bundles.
 *
 * <p>How the golden bundles were made (and how to remake them after a feature catalogue change;
 * the universe is deterministic, so the same config gives the same tables):
 *
 * <pre>
 * mvn -q -B -o package -DskipTests -pl datasets-synthetic,model-training
 * java -jar datasets-synthetic/target/yocho-datasets-synthetic.jar generate \
 *     --db /tmp/s/u.duckdb --firms 2000 --overwrite          # seed 42, 2021-01-01 .. 2025-12-31
 * java -jar model-training/target/yocho-model-training.jar train \
 *     --db /tmp/s/u.duckdb --models /tmp/s/models             # gbm (about a minute)
 * java -jar model-training/target/yocho-model-training.jar train \
 *     --db /tmp/s/u.duckdb --models /tmp/s/models --algo logit
 * rm -r scoring-service/src/test/resources/bundle/*
 * cp -r /tmp/s/models/gbm-* /tmp/s/models/logit-* scoring-service/src/test/resources/bundle/
 * </pre>
 *
 * then update {@link #GBM} and {@link #LOGIT} to the new directory names.
 */
public final class GoldenUniverse {
  /** The generator config of the golden universe: {@code generate --firms 2000}, defaults else. */
  public static final GeneratorConfig CONFIG = GeneratorConfig.defaults().withFirms(2000);
  /** The golden GBM bundle (default training config). */
  public static final String GBM = "gbm-a5c2f849095f";
  /** The golden scorecard bundle ({@code --algo logit}). */
  public static final String LOGIT = "logit-e0bc44f84b42";

  private GoldenUniverse() {}

  /** Generates the golden universe into {@code dir/universe.duckdb}. */
  public static Path generate(Path dir) {
    Path db = dir.resolve("universe.duckdb");
    UniverseGenerator.generate(CONFIG, db);
    return db;
  }

  /** The committed bundle directory of {@code version} (read-only: copy before changing). */
  public static Path bundle(String version) {
    URL url = GoldenUniverse.class.getResource("/bundle/" + version + "/manifest.json");
    if (url == null) {
      throw new IllegalStateException("golden bundle " + version + " is not on the classpath");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A models root in {@code dir} with copies of both golden bundles and CURRENT = {@code current}. */
  public static Path modelsRoot(Path dir, String current) {
    Path root = dir.resolve("models");
    try {
      Files.createDirectories(root);
      for (String version : new String[] {GBM, LOGIT}) {
        copyTree(bundle(version), root.resolve(version));
      }
      setCurrent(root, current);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  /** Points {@code root/CURRENT} at {@code version}. */
  public static void setCurrent(Path root, String version) {
    try {
      Files.writeString(root.resolve("CURRENT"), version + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Reads a test resource. */
  public static byte[] resource(String name) {
    try (InputStream in = GoldenUniverse.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
