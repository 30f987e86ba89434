package dev.yocho.features.cli;

import dev.yocho.cli.UsageException;
import picocli.CommandLine.Command;

/** {@code yocho bench NAME}: the benchmarks this jar owns. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks (figures printed, --json for one JSON line).",
    subcommands = {BenchFeaturesCommand.class, BenchIngestCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    throw new UsageException("name a benchmark: features, ingest");
  }
}
