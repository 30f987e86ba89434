package dev.yocho.cli;

import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Runs a picocli command tree with yocho's error contract. */
public final class Cli {
  private Cli() {}

  /**
   * Executes {@code command} with {@code args} and returns the exit code. Parameter errors and
   * {@link UsageException}s print one line to standard error and return {@link ExitCodes#USAGE}.
   */
  public static int execute(Object command, String... args) {
    Locale.setDefault(Locale.ROOT);
    // libraries (Tribuo among them) log progress at INFO through java.util.logging: a command's
    // output is its own lines and its JSON, so only warnings and errors get through
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    for (java.util.logging.Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
      h.setLevel(java.util.logging.Level.WARNING);
    }
    CommandLine cmd = new CommandLine(command);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(Cli::onParameterError);
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> onExecutionError(ex, commandLine.getErr()));
    return cmd.execute(args);
  }

  /** {@link #execute} then {@link System#exit}. */
  public static void main(Object command, String... args) {
    System.exit(execute(command, args));
  }

  private static int onParameterError(ParameterException ex, String[] args) {
    PrintWriter err = ex.getCommandLine().getErr();
    err.println("yocho " + commandName(ex.getCommandLine()) + ": " + oneLine(ex.getMessage())
        + " (see --help)");
    err.flush();
    return ExitCodes.USAGE;
  }

  static int onExecutionError(Exception ex, PrintWriter err) {
    Throwable usage = findUsage(ex);
    if (usage != null) {
      err.println("yocho: " + oneLine(usage.getMessage()));
      err.flush();
      return ExitCodes.USAGE;
    }
    err.println("yocho: internal error: " + ex.getClass().getSimpleName() + ": "
        + oneLine(String.valueOf(ex.getMessage())));
    if (System.getenv("YOCHO_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  private static Throwable findUsage(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UsageException || t instanceof IllegalArgumentException) {
        return t;
      }
    }
    return null;
  }

  private static String commandName(CommandLine cmd) {
    return cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^yocho\\s*", "").trim();
  }

  public static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    return message.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
  }
}
