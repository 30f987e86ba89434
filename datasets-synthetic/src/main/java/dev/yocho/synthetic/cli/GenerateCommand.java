package dev.yocho.synthetic.cli;

import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.Progress;
import dev.yocho.synthetic.GenerationResult;
import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho generate}: writes a synthetic universe with ground truth into a DuckDB file. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic SME universe (observable tables and, unless --no-truth, the truth tables)"
          + " into a DuckDB file. The same arguments give identical table contents."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--db", defaultValue = "data/yocho.duckdb", description = "database file (default: ${DEFAULT-VALUE})")
  Path db;

  @Option(names = "--firms", defaultValue = "20000", description = "firms to generate (default: ${DEFAULT-VALUE})")
  long firms;

  @Option(names = "--from", defaultValue = "2021-01-01", converter = IsoDateConverter.class,
      description = "first day of the window (default: ${DEFAULT-VALUE})")
  LocalDate from;

  @Option(names = "--to", defaultValue = "2025-12-31", converter = IsoDateConverter.class,
      description = "last day of the window (default: ${DEFAULT-VALUE})")
  LocalDate to;

  @Option(names = "--seed", defaultValue = "42", description = "root seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--default-rate", defaultValue = "0.015",
      description = "mean annual default rate to calibrate to (default: ${DEFAULT-VALUE})")
  double defaultRate;

  @Option(names = "--no-truth", description = "skip the truth tables (faster; no oracle AUC)")
  boolean noTruth;

  @Option(names = "--overwrite", description = "replace an existing database (never one that"
      + " another process holds or that has a write-ahead log beside it)")
  boolean overwrite;

  @Option(names = "--owner", paramLabel = "NAME",
      description = "record NAME as the database's owner (dataset_info.owner); with --overwrite,"
          + " an existing file is then replaced only if it records the same owner")
  String owner;

  @Option(names = "--feed", paramLabel = "DIR",
      description = "instead of a database, write the universe as the daily files a source system"
          + " would deliver: one directory per knowledge date (YYYY-MM-DD) with the facts first"
          + " known that day, the history before --from in the first; DIR must be new or empty."
          + " No truth tables. Ingest it with: yocho ingest --db F DIR")
  Path feed;

  @Option(names = "--dirty-share", paramLabel = "X", defaultValue = "0",
      description = "with --feed: a share X of the lines followed by a dirty line (a bad value, an"
          + " impossible date, a statement whose totals do not add up, or the line again), to test"
          + " the quarantine; the clean rows are all there (default: ${DEFAULT-VALUE})")
  double dirtyShare;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (feed != null) {
      return writeFeed();
    }
    if (dirtyShare != 0) {
      throw new IllegalArgumentException("--dirty-share needs --feed");
    }
    GeneratorConfig config = new GeneratorConfig(firms, from, to, seed, !noTruth, defaultRate);
    GenerationResult result;
    try (Progress progress = Progress.start("generate", firms, json)) {
      result = new UniverseGenerator(config).generate(db, overwrite, owner, progress::step);
    }
    if (!json) {
      System.out.printf(Locale.ROOT,
          "wrote %s: %,d firms, %,d defaults, %,d closures, %,d rows in %.1f s%s%n",
          result.database(), result.firms(), result.defaults(), result.closures(),
          result.rowsWritten(), result.seconds(),
          noTruth ? "" : String.format(Locale.ROOT, ", oracle AUC %.4f (truth: %d paths, mean SE %.5f)",
              result.oracleAuc(), 64, result.truthMeanStandardError()));
    }
    if (json) {
      JsonOut.print(System.out, result.toJson());
    }
    return 0;
  }

  private Integer writeFeed() throws Exception {
    if (spec.commandLine().getParseResult().hasMatchedOption("--db")) {
      throw new IllegalArgumentException("--feed and --db exclude each other: a feed is files,"
          + " not a database");
    }
    if (!(dirtyShare >= 0 && dirtyShare < 1)) {
      throw new IllegalArgumentException("--dirty-share must be in [0, 1), was " + dirtyShare);
    }
    java.nio.file.Files.createDirectories(feed);
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(feed)) {
      if (s.findAny().isPresent()) {
        throw new IllegalArgumentException("--feed directory " + feed + " is not empty");
      }
    }
    long started = System.nanoTime();
    GeneratorConfig config = new GeneratorConfig(firms, from, to, seed, false, defaultRate);
    Path scratch = java.nio.file.Files.createTempDirectory(
        feed.toAbsolutePath().getParent(), ".yocho-feed-");
    Path db = scratch.resolve("universe.duckdb");
    dev.yocho.features.ingest.Feed.Result result;
    try {
      try (Progress progress = Progress.start("generate", firms, json)) {
        new UniverseGenerator(config).generate(db, false, null, progress::step);
      }
      try (java.sql.Connection c = dev.yocho.cli.Databases.openReadOnly(db)) {
        result = dev.yocho.features.ingest.Feed.write(c, feed, from, dirtyShare, seed);
      }
    } finally {
      try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(scratch)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          java.nio.file.Files.deleteIfExists(p);
        }
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (json) {
      java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
      out.put("feed", feed.toString());
      out.put("firms", firms);
      out.put("days", result.days());
      out.put("rows", result.rows());
      out.put("dirty", result.dirty());
      out.put("seconds", seconds);
      JsonOut.print(System.out, out);
    } else {
      System.out.printf(Locale.ROOT, "wrote the feed %s: %,d firms, %,d daily directories, %,d"
          + " rows in %.1f s%n", feed, firms, result.days(),
          result.rows().values().stream().mapToLong(Long::longValue).sum(), seconds);
    }
    return 0;
  }
}
