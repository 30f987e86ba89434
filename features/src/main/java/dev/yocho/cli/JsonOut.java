package dev.yocho.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.Map;

/** Writes the one JSON object that ends a command's standard output in {@code --json} mode. */
public final class JsonOut {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  private JsonOut() {}

  /** The shared mapper (compact, deterministic key order for maps given in order). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serialises {@code result} on one line. */
  public static String toJson(Object result) {
    try {
      return MAPPER.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("result is not serialisable: " + e.getOriginalMessage(), e);
    }
  }

  /** Prints {@code result} as the last line of {@code out}. */
  public static void print(PrintStream out, Map<String, ?> result) {
    out.println(toJson(result));
    out.flush();
  }
}
