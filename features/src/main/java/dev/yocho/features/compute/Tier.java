package dev.yocho.features.compute;

import java.util.Locale;

/** The data tier of a (firm, as-of) pair; training fits one model per tier. */
public enum Tier {
  /** At least one statement is visible: every feature can be computed. */
  FULL,
  /** No visible statement (a thin file): statement-derived features are missing. */
  THIN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Tier of(boolean hasStatement) {
    return hasStatement ? FULL : THIN;
  }
}
