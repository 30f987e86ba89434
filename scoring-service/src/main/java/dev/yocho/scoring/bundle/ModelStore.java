package dev.yocho.scoring.bundle;

import dev.yocho.scoring.onnx.ScorerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A models root as {@code yocho train} writes it: one immutable bundle directory per version and a
 * text file {@value #CURRENT} naming the version to serve. Older versions stay, because explaining
 * a grade move across a model change needs the model that graded the earlier date. Bundles are
 * loaded (and verified) on first use and kept open until {@link #close()}.
 *
 * <p>Thread safety: {@link #load} is synchronised; the bundles it returns are thread-safe.
 */
public final class ModelStore implements AutoCloseable {
  /** The file naming the version to serve. */
  public static final String CURRENT = "CURRENT";

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path root;
  private final ScorerOptions options;
  private final Map<String, ModelBundle> loaded = new LinkedHashMap<>();

  public ModelStore(Path root, ScorerOptions options) {
    this.root = Objects.requireNonNull(root, "root");
    this.options = Objects.requireNonNull(options, "options");
  }

  public Path root() {
    return root;
  }

  /** The version named by {@code root/CURRENT}. */
  public String currentVersion() {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("models directory not found: " + root);
    }
    Path current = root.resolve(CURRENT);
    if (!Files.isRegularFile(current)) {
      throw new IllegalArgumentException("models directory " + root + " has no " + CURRENT
          + " file naming the bundle to serve (run yocho train)");
    }
    String version;
    try {
      version = Files.readString(current).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + current, e);
    }
    return checkedVersion(version, current.toString());
  }

  /** The bundle named by {@value #CURRENT}. */
  public ModelBundle current() {
    return load(currentVersion());
  }

  /**
   * The bundle of {@code version}, verified on first load.
   *
   * @throws IllegalArgumentException when the root has no such bundle or it fails verification
   */
  public synchronized ModelBundle load(String version) {
    checkedVersion(version, "model version");
    ModelBundle bundle = loaded.get(version);
    if (bundle == null) {
      Path dir = root.resolve(version);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException(
            "model version " + version + " is not in the models directory " + root);
      }
      bundle = ModelBundle.load(dir, options);
      loaded.put(version, bundle);
    }
    return bundle;
  }

  private static String checkedVersion(String version, String where) {
    if (version == null || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(where + " names a malformed model version '" + version
          + "'");
    }
    return version;
  }

  @Override
  public synchronized void close() {
    RuntimeException failure = null;
    for (ModelBundle b : loaded.values()) {
      try {
        b.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    loaded.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
