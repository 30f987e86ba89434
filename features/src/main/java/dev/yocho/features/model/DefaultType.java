package dev.yocho.features.model;

import java.util.Locale;

/** How a firm defaulted ({@code defaults.default_type}). */
public enum DefaultType {
  LEGAL_BANKRUPTCY("法的倒産", "legal bankruptcy"),
  SUBROGATION("代位弁済", "subrogation"),
  SUSPENSION_OF_BANK_TRANSACTIONS("銀行取引停止", "suspension of bank transactions");

  private final String labelJa;
  private final String labelEn;

  DefaultType(String labelJa, String labelEn) {
    this.labelJa = labelJa;
    this.labelEn = labelEn;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String labelJa() {
    return labelJa;
  }

  public String labelEn() {
    return labelEn;
  }
}
