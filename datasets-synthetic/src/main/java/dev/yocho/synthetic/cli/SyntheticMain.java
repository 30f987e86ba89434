package dev.yocho.synthetic.cli;

import dev.yocho.cli.Cli;
import picocli.CommandLine.Command;

/** Entry point of the datasets-synthetic jar. */
@Command(
    name = "yocho",
    mixinStandardHelpOptions = true,
    version = "yocho datasets-synthetic 0.1.0",
    description = "The synthetic SME universe with ground truth.",
    subcommands = {GenerateCommand.class, SummaryCommand.class, BenchCommand.class})
public final class SyntheticMain implements Runnable {
  @Override
  public void run() {
    throw new dev.yocho.cli.UsageException("name a subcommand (see --help)");
  }

  public static void main(String[] args) {
    Cli.main(new SyntheticMain(), args);
  }
}
