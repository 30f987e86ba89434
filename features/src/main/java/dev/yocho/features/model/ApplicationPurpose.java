package dev.yocho.features.model;

import java.util.Locale;

/** Purpose of a guarantee application ({@code guarantee_applications.purpose}). */
public enum ApplicationPurpose {
  WORKING_CAPITAL,
  EQUIPMENT,
  REFINANCING;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
