package dev.yocho.scoring.http;

import io.javalin.security.RouteRole;
import java.util.Locale;

/** What an API key may do: viewers read, operators also run the refresh. */
public enum Role implements RouteRole {
  VIEWER,
  OPERATOR;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a key of this role may call a route that needs {@code needed}. */
  public boolean allows(Role needed) {
    return this == OPERATOR || needed == VIEWER;
  }

  public static Role fromCode(String code) {
    for (Role r : values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown role '" + code + "' (viewer or operator)");
  }
}
