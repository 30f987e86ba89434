package dev.yocho.scoring.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.yocho.cli.Cli;
import dev.yocho.scoring.cli.ScoringMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the scoring CLI in this JVM, its standard output and error captured.
 *
 * @param exitCode what {@link Cli#execute} returned
 * @param stdout everything printed to standard output
 * @param stderr everything printed to standard error
 */
public record CliRun(int exitCode, String stdout, String stderr) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Runs {@code args} through {@link ScoringMain}, restoring System.out and System.err after. */
  public static CliRun of(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int code = Cli.execute(new ScoringMain(), args);
      return new CliRun(code, stdout.toString(StandardCharsets.UTF_8),
          stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** The JSON object on the last line of standard output ({@code --json}). */
  public JsonNode json() throws IOException {
    String[] lines = stdout.strip().split("\n");
    return JSON.readTree(lines[lines.length - 1]);
  }
}
