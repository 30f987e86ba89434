package dev.yocho.training.cli;

import dev.yocho.cli.Cli;
import picocli.CommandLine.Command;

/** Entry point of the model-training jar: train, tabular-cv and backtest (as they land). */
@Command(
    name = "yocho",
    mixinStandardHelpOptions = true,
    version = "yocho model-training 0.1.0",
    description = "Model training, tabular cross-validation and backtests.",
    subcommands = {
      dev.yocho.training.pipeline.TrainCommand.class,
      dev.yocho.training.bench.BenchTrainCommand.class,
      dev.yocho.training.tabular.TabularCvCommand.class,
      dev.yocho.training.backtest.BacktestCommand.class
    })
public final class TrainingMain implements Runnable {
  @Override
  public void run() {
    throw new dev.yocho.cli.UsageException("name a subcommand (see --help)");
  }

  public static void main(String[] args) {
    Cli.main(new TrainingMain(), args);
  }
}
