package dev.yocho.features.model;

import java.util.Locale;

/** Who asked about the firm ({@code inquiries.inquirer_industry}). */
public enum InquirerIndustry {
  BANK("金融機関", "banks"),
  TRADE_CREDITOR("取引先", "trade creditors"),
  LEASING("リース会社", "leasing companies"),
  COLLECTION("債権回収会社", "collection agencies");

  private final String labelJa;
  private final String labelEn;

  InquirerIndustry(String labelJa, String labelEn) {
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

  public static InquirerIndustry fromCode(String code) {
    for (InquirerIndustry i : values()) {
      if (i.code().equals(code)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown inquirer industry '" + code + "'");
  }
}
