package dev.yocho.scoring.http;

import dev.yocho.scoring.explain.Language;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsing and checking request parameters; every refusal is a 400 naming the parameter. */
final class Params {
  private static final Pattern FIRM_ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,9}");
  /** Longest date range a request may span. */
  static final int MAX_RANGE_YEARS = 10;

  private Params() {}

  /**
   * Refuses a query parameter the route does not take, one given twice, and bad
   * percent-encoding in a name or value (which the framework's decoder would silently drop). The
   * raw query string is read, so a malformed occurrence counts.
   */
  static void checkQuery(Context ctx, Set<String> allowed) {
    Map<String, List<String>> raw = new java.util.LinkedHashMap<>();
    String query = ctx.queryString();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String name = decode(rawName, null);
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
        raw.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
      }
    }
    check(raw, allowed);
    check(ctx.queryParamMap(), allowed);
  }

  /** Strict percent-decoding; {@code name} is the parameter a bad value belongs to (null: a name). */
  private static String decode(String s, String name) {
    try {
      return java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      String shown = name != null ? name : clip(s);
      throw ApiException.badParameter(shown, name != null
          ? "query parameter '" + name + "' has invalid percent-encoding: '" + clip(s) + "'"
          : "a query parameter name has invalid percent-encoding: '" + clip(s) + "'");
    }
  }

  private static void check(Map<String, List<String>> params, Set<String> allowed) {
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String name = e.getKey();
      if (!allowed.contains(name)) {
        throw ApiException.badParameter(clip(name), "unknown query parameter '" + clip(name)
            + "'" + (allowed.isEmpty() ? " (this endpoint takes none)"
                : " (this endpoint takes " + String.join(", ", new java.util.TreeSet<>(allowed))
                    + ")"));
      }
      if (e.getValue().size() > 1) {
        throw ApiException.badParameter(name, "query parameter '" + name + "' given "
            + e.getValue().size() + " times");
      }
    }
  }

  static long firmId(Context ctx) {
    String value = ctx.pathParam("id");
    if (!FIRM_ID.matcher(value).matches()) {
      throw ApiException.badParameter("id", "firm id must be a whole number of 1 to 18 digits,"
          + " was '" + clip(value) + "'");
    }
    return Long.parseLong(value);
  }

  /** The firm id of the path if well-formed, else null (for the audit log). */
  static Long firmIdOrNull(Context ctx) {
    try {
      String value = ctx.pathParamMap().get("id");
      return value != null && FIRM_ID.matcher(value).matches() ? Long.parseLong(value) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A date parameter, or {@code fallback} (may be null) when absent. */
  static LocalDate date(Context ctx, String name, LocalDate fallback) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    return parseDate(name, value);
  }

  static LocalDate requiredDate(Context ctx, String name) {
    LocalDate d = date(ctx, name, null);
    if (d == null) {
      throw ApiException.badParameter(name, "query parameter '" + name + "' is required"
          + " (YYYY-MM-DD)");
    }
    return d;
  }

  static LocalDate parseDate(String name, String value) {
    if (DATE.matcher(value).matches()) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        // falls through to the refusal
      }
    }
    throw ApiException.badParameter(name, "'" + name + "' must be a date YYYY-MM-DD, was '"
        + clip(value) + "'");
  }

  static int integer(Context ctx, String name, int min, int max, int fallback) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return fallback;
    }
    if (INTEGER.matcher(value).matches()) {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    }
    throw ApiException.badParameter(name, "'" + name + "' must be a whole number in [" + min
        + ", " + max + "], was '" + clip(value) + "'");
  }

  static Language language(Context ctx) {
    String value = ctx.queryParam("lang");
    if (value == null) {
      return Language.JA;
    }
    return switch (value) {
      case "ja" -> Language.JA;
      case "en" -> Language.EN;
      default -> throw ApiException.badParameter("lang", "'lang' must be ja or en, was '"
          + clip(value) + "'");
    };
  }

  /** Refuses {@code from} after (or, when {@code strict}, on) {@code to}, or a span over 10 years. */
  static void checkRange(String fromName, LocalDate from, String toName, LocalDate to,
      boolean strict) {
    if (strict ? !from.isBefore(to) : from.isAfter(to)) {
      throw ApiException.badParameter(fromName, "'" + fromName + "' " + from + " must be "
          + (strict ? "before" : "on or before") + " '" + toName + "' " + to);
    }
    if (to.isAfter(from.plusYears(MAX_RANGE_YEARS))) {
      throw ApiException.badParameter(toName, "the range " + from + " to " + to + " spans more"
          + " than " + MAX_RANGE_YEARS + " years");
    }
  }

  /** A value echoed in a message: at most 64 characters, control characters replaced. */
  static String clip(String value) {
    if (value == null) {
      return "";
    }
    String s = value.length() > 64 ? value.substring(0, 64) + "…" : value;
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
