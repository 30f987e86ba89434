package dev.yocho.features.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.yocho.cli.Cli;
import dev.yocho.cli.JsonOut;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a tiny universe; its figures are not asserted. */
class BenchCommandTest {
  @Test
  void benchFeaturesPrintsItsFiguresAsOneJsonLine() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Cli.execute(new FeaturesMain(), "bench", "features", "--firms", "500", "--samples",
          "20", "--warmup", "10", "--json");
    } finally {
      System.setOut(old);
    }
    assertThat(code).isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    JsonNode json = JsonOut.mapper().readTree(lines[lines.length - 1]);
    assertThat(json.get("firms").asInt()).isBetween(300, 500);
    for (String key : new String[] {"batch_seconds", "batch_with_startup_seconds",
        "batch_cpu_seconds", "matrix_seconds", "single_p50_ms", "single_p99_ms"}) {
      assertThat(json.has(key)).as(key).isTrue();
    }
    assertThat(json.get("single_p99_ms").asDouble())
        .isGreaterThanOrEqualTo(json.get("single_p50_ms").asDouble());
  }
}
