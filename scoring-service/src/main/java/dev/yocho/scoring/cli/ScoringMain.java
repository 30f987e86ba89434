package dev.yocho.scoring.cli;

import dev.yocho.cli.Cli;
import picocli.CommandLine.Command;

/** Entry point of the scoring-service jar: refresh, explain, serve and keys (as they land). */
@Command(
    name = "yocho",
    mixinStandardHelpOptions = true,
    version = "yocho scoring-service 0.1.0",
    description = "Daily refresh, explanations and the HTTP service.",
    subcommands = {
      RefreshCommand.class,
      DailyCommand.class,
      TransitionsCommand.class,
      ExplainCommand.class,
      ServeCommand.class,
      KeysCommand.class,
      StressCommand.class,
      dev.yocho.scoring.bench.BenchRefreshCommand.class,
      dev.yocho.scoring.bench.BenchHttpCommand.class
    })
public final class ScoringMain implements Runnable {
  @Override
  public void run() {
    throw new dev.yocho.cli.UsageException("name a subcommand (see --help)");
  }

  public static void main(String[] args) {
    Cli.main(new ScoringMain(), args);
  }
}
