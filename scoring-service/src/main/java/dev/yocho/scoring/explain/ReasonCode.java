package dev.yocho.scoring.explain;

import java.util.Objects;

/**
 * One row of the reason-code table: a stable code and the driver topic in both languages.
 *
 * @param code stable identifier, e.g. {@code R21}
 * @param topicJa the driver in Japanese, e.g. 取引先からの信用照会
 * @param topicEn the driver in English, e.g. credit inquiries from trade creditors
 */
public record ReasonCode(String code, String topicJa, String topicEn) {
  public ReasonCode {
    Objects.requireNonNull(code, "code");
    if (code.isBlank() || topicJa == null || topicJa.isBlank() || topicEn == null
        || topicEn.isBlank()) {
      throw new IllegalArgumentException(
          "reason code '" + code + "' needs a Japanese and an English topic");
    }
  }

  public String topic(Language language) {
    return language == Language.JA ? topicJa : topicEn;
  }

  /** The reason sentence: the topic and whether it raised or lowered the risk. */
  public String statement(Language language, Reason.Direction direction) {
    boolean adverse = direction == Reason.Direction.ADVERSE;
    return language == Language.JA
        ? topicJa + (adverse ? "がリスクを高めた" : "がリスクを下げた")
        : topicEn + (adverse ? " raised the risk" : " lowered the risk");
  }
}
