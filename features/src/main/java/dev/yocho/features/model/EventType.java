package dev.yocho.features.model;

import java.util.Locale;

/** Event information (変動情報) of {@code events.event_type}, with its polarity. */
public enum EventType {
  PAYMENT_DELAY(-1, "支払遅延", "payment delay"),
  BOUNCED_BILL(-1, "手形不渡り", "bounced bill"),
  TAX_ARREARS(-1, "税金滞納", "tax arrears"),
  SOCIAL_INSURANCE_ARREARS(-1, "社会保険料滞納", "social-insurance arrears"),
  LAWSUIT(-1, "訴訟提起", "lawsuit"),
  REPAYMENT_RESCHEDULING(-1, "条件変更", "repayment-condition change"),
  EXECUTIVE_RESIGNATION(-1, "役員辞任", "executive resignation"),
  MAJOR_CUSTOMER_LOSS(-1, "主要取引先喪失", "loss of a major customer"),
  LATE_STATEMENT(-1, "決算書提出遅延", "late statement"),
  CAPITAL_INCREASE(1, "増資", "capital increase"),
  NEW_MAJOR_CONTRACT(1, "大口契約獲得", "new major contract"),
  NEW_PROPER_LOAN(1, "プロパー融資実行", "new proper loan");

  private final int polarity;
  private final String labelJa;
  private final String labelEn;

  EventType(int polarity, String labelJa, String labelEn) {
    this.polarity = polarity;
    this.labelJa = labelJa;
    this.labelEn = labelEn;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** -1 adverse, +1 positive. */
  public int polarity() {
    return polarity;
  }

  public boolean adverse() {
    return polarity < 0;
  }

  public String labelJa() {
    return labelJa;
  }

  public String labelEn() {
    return labelEn;
  }

  public static EventType fromCode(String code) {
    for (EventType e : values()) {
      if (e.code().equals(code)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown event type '" + code + "'");
  }
}
