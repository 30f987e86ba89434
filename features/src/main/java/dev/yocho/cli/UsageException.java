package dev.yocho.cli;

/**
 * The caller's fault: a bad argument, a missing file, a date outside the data. The message names
 * the problem in one line; the CLI prints it and exits with code 2.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }

  public UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
