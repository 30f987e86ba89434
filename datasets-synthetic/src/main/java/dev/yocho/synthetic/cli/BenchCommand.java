package dev.yocho.synthetic.cli;

import dev.yocho.cli.HeapPeak;
import dev.yocho.cli.JsonOut;
import dev.yocho.cli.Progress;
import dev.yocho.cli.UsageException;
import dev.yocho.synthetic.GenerationResult;
import dev.yocho.synthetic.GeneratorConfig;
import dev.yocho.synthetic.UniverseGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code yocho bench generate}: generation throughput, wall time and peak heap. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of this module. 'generate' writes a universe to a temporary file"
        + " (or --db) and reports rows written per second, wall time and peak heap.")
public final class BenchCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "benchmark name: generate")
  String name;

  @Option(names = "--firms", defaultValue = "20000", description = "firms (default: ${DEFAULT-VALUE})")
  long firms;

  @Option(names = "--no-truth", description = "skip the truth tables")
  boolean noTruth;

  @Option(names = "--seed", defaultValue = "42", description = "root seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--db", description = "keep the database here (default: a temporary file, deleted)")
  Path keep;

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  @Override
  public Integer call() throws IOException {
    if (!"generate".equals(name)) {
      throw new UsageException("unknown benchmark '" + name + "' here (this module has: generate)");
    }
    GeneratorConfig config = GeneratorConfig.defaults().withFirms(firms).withSeed(seed)
        .withTruth(!noTruth);
    Path dir = Files.createTempDirectory("yocho-bench-");
    Path db = keep != null ? keep : dir.resolve("bench.duckdb");
    HeapPeak.reset();
    GenerationResult result;
    try (Progress progress = Progress.start("generate", firms, json)) {
      result = new UniverseGenerator(config).generate(db, true, progress::step);
    }
    long peakHeapMib = HeapPeak.mebibytes();
    long fileBytes = Files.size(db);
    if (keep == null) {
      Files.deleteIfExists(db);
    }
    Files.deleteIfExists(dir);

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "generate");
    out.put("date", LocalDate.now(java.time.ZoneOffset.UTC).toString());
    out.put("cores", Runtime.getRuntime().availableProcessors());
    out.put("firms", result.firms());
    out.put("truth", !noTruth);
    out.put("rows_written", result.rowsWritten());
    out.put("seconds", result.seconds());
    out.put("rows_per_second", Math.round(result.rowsWritten() / result.seconds()));
    out.put("peak_heap_mib", peakHeapMib);
    out.put("max_heap_mib", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    out.put("file_mib", fileBytes / (1024 * 1024));
    out.put("defaults", result.defaults());
    if (!noTruth) {
      out.put("oracle_auc", result.oracleAuc());
    }
    if (json) {
      JsonOut.print(System.out, out);
    } else {
      System.out.printf(Locale.ROOT,
          "generate: %,d firms%s, %,d rows in %.1f s = %,d rows/s; peak heap %,d MiB of %,d MiB;"
              + " file %,d MiB (%d cores)%n",
          result.firms(), noTruth ? " (no truth)" : " with truth", result.rowsWritten(),
          result.seconds(), out.get("rows_per_second"), peakHeapMib,
          Runtime.getRuntime().maxMemory() / (1024 * 1024), fileBytes / (1024 * 1024),
          Runtime.getRuntime().availableProcessors());
    }
    return 0;
  }
}
