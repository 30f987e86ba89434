/**
 * Command-line plumbing shared by every yocho jar: one way to parse arguments, report bad input
 * (one line on standard error, exit code 2, never a stack trace), print the machine-readable
 * result (exactly one JSON object, the last line of standard output, with {@code --json}) and show
 * progress (only on an interactive terminal, never in JSON mode or when output is redirected).
 *
 * <p>Caller's faults are {@link dev.yocho.cli.UsageException} (or picocli's parameter errors);
 * anything else escaping a command is our bug: it is reported as one line naming the failure, with
 * exit code 1, and the stack trace only when {@code YOCHO_DEBUG} is set.
 */
package dev.yocho.cli;
