package dev.yocho.features.model;

import java.util.Locale;

/** The twelve industries of {@code firms.industry}, in a fixed order. */
public enum Industry {
  CONSTRUCTION("建設業", "construction"),
  MANUFACTURING("製造業", "manufacturing"),
  WHOLESALE("卸売業", "wholesale"),
  RETAIL("小売業", "retail"),
  FOOD_SERVICE("飲食業", "food service"),
  ACCOMMODATION("宿泊業", "accommodation"),
  TRANSPORT("運輸業", "transport"),
  INFORMATION("情報通信業", "information"),
  REAL_ESTATE("不動産業", "real estate"),
  PROFESSIONAL_SERVICES("専門サービス業", "professional services"),
  MEDICAL_WELFARE("医療・福祉", "medical and welfare"),
  OTHER_SERVICES("その他サービス業", "other services");

  private final String labelJa;
  private final String labelEn;

  Industry(String labelJa, String labelEn) {
    this.labelJa = labelJa;
    this.labelEn = labelEn;
  }

  /** The value stored in the database, e.g. {@code food_service}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String labelJa() {
    return labelJa;
  }

  public String labelEn() {
    return labelEn;
  }

  /** Parses a stored code; unknown codes are the caller's fault. */
  public static Industry fromCode(String code) {
    for (Industry i : values()) {
      if (i.code().equals(code)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown industry '" + code + "'");
  }
}
