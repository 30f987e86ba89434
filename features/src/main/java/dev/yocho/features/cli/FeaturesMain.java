package dev.yocho.features.cli;

import dev.yocho.cli.Cli;
import picocli.CommandLine.Command;

/** Entry point of the features jar. */
@Command(
    name = "yocho",
    mixinStandardHelpOptions = true,
    version = "yocho features 0.1.0",
    description = "Point-in-time features.",
    subcommands = {FeaturesCommand.class, IngestCommand.class, ExportCommand.class,
        BenchCommand.class})
public final class FeaturesMain implements Runnable {
  @Override
  public void run() {
    throw new dev.yocho.cli.UsageException("name a subcommand (see --help)");
  }

  public static void main(String[] args) {
    Cli.main(new FeaturesMain(), args);
  }
}
