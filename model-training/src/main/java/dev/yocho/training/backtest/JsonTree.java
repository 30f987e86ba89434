package dev.yocho.training.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small conversions from Jackson trees to plain values for the metrics map. */
final class JsonTree {
  private JsonTree() {}

  static List<String> toList(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
