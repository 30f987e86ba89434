package dev.yocho.features.cli;

import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.UsageException;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.catalogue.FeatureDefinition;
import dev.yocho.features.compute.BatchFeatures;
import dev.yocho.features.compute.DataQuality;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho features}: point-in-time features of every live firm, or of one. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
        "Point-in-time features as of a date: every live firm to Parquet (batch), or one firm's"
            + " labelled vector (--firm)."})
public final class FeaturesCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "as-of date, YYYY-MM-DD (required unless --catalogue)")
  String asOf;

  @Option(names = "--catalogue",
      description = "list the feature catalogue (name, labels, unit, risk direction and its reason)"
          + " instead of computing features; needs no database")
  boolean listCatalogue;

  @Option(names = "--firm", paramLabel = "ID", description = "one firm: print its labelled vector")
  Long firm;

  @Option(names = "--out", paramLabel = "FILE.parquet",
      description = "batch: write firm_id and the features in catalogue order to this file")
  Path out;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws SQLException {
    long started = System.nanoTime();
    if (listCatalogue) {
      if (asOf != null || firm != null || out != null) {
        throw new UsageException("--catalogue lists the catalogue; it takes no --as-of, --firm or"
            + " --out");
      }
      printCatalogue();
      return 0;
    }
    if (asOf == null) {
      throw new UsageException("--as-of is required (or --catalogue to list the features)");
    }
    LocalDate date = IsoDateConverter.parse("--as-of", asOf);
    if (firm != null && out != null) {
      throw new UsageException("--out writes the batch; it cannot be combined with --firm");
    }
    if (out != null) {
      dev.yocho.cli.OutputPaths.requireWritableFile("--out", out);
    }
    try (Connection connection = Databases.openReadOnly(db)) {
      DataWindow.read(connection).require(date);
      FeatureCatalogue catalogue = FeatureCatalogue.current();
      Map<String, Object> result = new LinkedHashMap<>();
      if (firm != null) {
        FeatureVector v = new SingleFirmFeatures().compute(connection, firm, date);
        List<DataQuality> quality = DataQuality.summarise(connection, vectorRelation(v));
        if (!json) {
          printVector(v);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int j = 0; j < catalogue.size(); j++) {
          values.put(catalogue.get(j).name(), finiteOrNull(v.value(j)));
        }
        result.put("firm_id", v.firmId());
        result.put("as_of", date.toString());
        result.put("tier", v.tier().code());
        result.put("firms", 1);
        result.put("features", catalogue.size());
        result.put("catalogue_version", catalogue.version());
        result.put("seconds", seconds(started));
        result.put("values", values);
        result.put("data_quality", qualityMap(quality));
      } else {
        Path target = out != null ? out : temporaryParquet();
        try {
          long rows = new BatchFeatures().writeParquet(connection, date, target);
          List<DataQuality> quality =
              DataQuality.summarise(connection, "read_parquet('" + sqlString(target) + "')");
          if (!json) {
            printBatch(rows, date, target, quality, started);
          }
          result.put("as_of", date.toString());
          result.put("firms", rows);
          result.put("features", catalogue.size());
          result.put("catalogue_version", catalogue.version());
          result.put("out", out == null ? null : out.toString());
          result.put("seconds", seconds(started));
          result.put("data_quality", qualityMap(quality));
        } finally {
          if (out == null) {
            deleteQuietly(target);
          }
        }
      }
      if (json) {
        JsonOut.print(stdout, result);
      }
    }
    return 0;
  }

  private void printVector(FeatureVector v) {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    stdout.printf(Locale.ROOT, "firm %d as of %s: tier %s, catalogue %s%n", v.firmId(), v.asOf(),
        v.tier().code(), catalogue.version());
    for (int j = 0; j < catalogue.size(); j++) {
      FeatureDefinition d = catalogue.get(j);
      double x = v.value(j);
      stdout.printf(Locale.ROOT, "%3d  %-42s %14s  %s / %s%n", j + 1, d.name(),
          Double.isNaN(x) ? "NA" : format(x), d.labelJa(), d.labelEn());
    }
  }

  private void printBatch(long rows, LocalDate date, Path target, List<DataQuality> quality,
      long started) {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    stdout.printf(Locale.ROOT, "%d live firms as of %s, %d features (catalogue %s) in %.1f s%s%n",
        rows, date, catalogue.size(), catalogue.version(), seconds(started),
        out == null ? "" : ", written to " + target);
    stdout.printf(Locale.ROOT, "%-42s %8s %8s %14s %14s %14s%n", "feature", "missing",
        "winsor.", "min", "median", "max");
    for (DataQuality q : quality) {
      stdout.printf(Locale.ROOT, "%-42s %7.1f%% %7.1f%% %14s %14s %14s%n", q.feature(),
          100 * q.shareMissing(), 100 * q.shareWinsorised(), format(q.min()), format(q.median()),
          format(q.max()));
    }
  }

  private static Map<String, Object> qualityMap(List<DataQuality> quality) {
    return quality.stream().collect(Collectors.toMap(
        DataQuality::feature, DataQuality::toMap, (a, b) -> a, LinkedHashMap::new));
  }

  /** The catalogue: one line per feature, or with --json one object listing every feature. */
  private void printCatalogue() {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    List<Map<String, Object>> features = new java.util.ArrayList<>();
    for (FeatureDefinition d : catalogue.definitions()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", d.name());
      f.put("label_ja", d.labelJa());
      f.put("label_en", d.labelEn());
      f.put("unit", d.unit());
      f.put("direction", d.direction());
      f.put("direction_reason", d.directionReason());
      features.add(f);
      if (!json) {
        stdout.printf(Locale.ROOT, "%-45s %2s  %s%n", d.name(),
            d.direction() > 0 ? "+1" : Integer.toString(d.direction()), d.directionReason());
      }
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("catalogue_version", catalogue.version());
      result.put("count", features.size());
      result.put("features", features);
      JsonOut.print(stdout, result);
    } else {
      stdout.printf(Locale.ROOT, "%d features, catalogue %s%n", catalogue.size(),
          catalogue.version());
    }
  }

  /** The vector as a one-row relation with catalogue column names (missing as NULL). */
  private static String vectorRelation(FeatureVector v) {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    StringBuilder values = new StringBuilder();
    StringBuilder names = new StringBuilder();
    for (int j = 0; j < catalogue.size(); j++) {
      if (j > 0) {
        values.append(", ");
        names.append(", ");
      }
      double x = v.value(j);
      values.append(Double.isNaN(x) ? "CAST(NULL AS DOUBLE)" : "CAST('" + x + "' AS DOUBLE)");
      names.append(catalogue.get(j).name());
    }
    return "(VALUES (" + values + ")) AS vector(" + names + ")";
  }

  private static Double finiteOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private static String format(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.6g", v);
  }

  static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  static String sqlString(Path path) {
    return path.toAbsolutePath().toString().replace("'", "''");
  }

  private static Path temporaryParquet() {
    try {
      Path file = Files.createTempFile("yocho-features-", ".parquet");
      Files.delete(file); // DuckDB creates it
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover temporary file is harmless
    }
  }
}
