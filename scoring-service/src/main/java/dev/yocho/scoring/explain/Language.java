package dev.yocho.scoring.explain;

import java.util.Locale;

/** The languages explanations are rendered in. */
public enum Language {
  JA,
  EN;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code ja} or {@code en}, naming the bad value otherwise. */
  public static Language fromCode(String code) {
    for (Language l : values()) {
      if (l.code().equalsIgnoreCase(code)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown language '" + code + "' (ja or en)");
  }
}
