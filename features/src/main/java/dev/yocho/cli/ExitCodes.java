package dev.yocho.cli;

/** Process exit codes used by every yocho command. */
public final class ExitCodes {
  public static final int OK = 0;
  /** An internal failure (our bug or the environment's). */
  public static final int FAILURE = 1;
  /** Bad input: the caller's fault, named on standard error. */
  public static final int USAGE = 2;
  /** The command ran, but some input rows were rejected (yocho ingest, yocho daily). */
  public static final int REJECTED = 3;

  private ExitCodes() {}
}
