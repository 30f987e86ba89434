package dev.yocho.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on an interactive terminal, and nothing otherwise (JSON mode, redirected output,
 * tests). Long-running work calls {@link #step} freely; it costs nothing when silent.
 */
public final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** Shows a bar for {@code total} units unless {@code quiet} or standard output is not a tty. */
  public static Progress start(String task, long total, boolean quiet) {
    if (quiet || System.console() == null) {
      return new Progress(null);
    }
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(250)
            .build();
    return new Progress(bar);
  }

  public void step(long units) {
    if (bar != null) {
      bar.stepBy(units);
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
