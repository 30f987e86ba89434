package dev.yocho.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default universe (20,000 firms, 2021-01-01 to 2025-12-31, seed 42), generated once per test
 * JVM and shared by the tests that measure it.
 */
final class DefaultUniverse {
  private static Path db;
  private static GenerationResult result;

  private DefaultUniverse() {}

  static synchronized Path database() {
    if (db == null) {
      try {
        Path dir = Files.createTempDirectory("yocho-default-universe-");
        dir.toFile().deleteOnExit();
        db = dir.resolve("default.duckdb");
        db.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      result = UniverseGenerator.generate(GeneratorConfig.defaults(), db);
    }
    return db;
  }

  static synchronized GenerationResult result() {
    database();
    return result;
  }
}
