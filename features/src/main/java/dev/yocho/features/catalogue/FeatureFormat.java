package dev.yocho.features.catalogue;

import java.util.Locale;
import java.util.Objects;

/**
 * How a feature's value is written for people, from its definition's unit: percentages, months,
 * multiples, days, yen as credit staff write them (0.15%, 0.47 か月, 3.1 倍, ¥12.3M), and a value
 * at a winsorisation bound written as the bound it stands for ("50 倍以上"). Kept apart from
 * {@link FeatureDefinition} (and out of the catalogue version): a change of wording does not
 * change what a model reads.
 *
 * <p>Styles by unit: {@code ratio} is a percentage, except ratios of a count to its own baseline
 * (names containing {@code _ratio_}), which are multiples; changes and growth rates carry a sign
 * (a change of a ratio is in percentage points); {@code months} and {@code multiple} keep two
 * significant digits; {@code yen} is abbreviated; counts, days and persons are whole numbers.
 * Missing values are not written here: what a missing value means depends on the firm's other
 * facts (no statement, no prior-year statement), which the explainer knows.
 */
public final class FeatureFormat {
  private FeatureFormat() {}

  /** How a value reads. */
  enum Style {
    PERCENT,
    SIGNED_PERCENT,
    POINTS,
    MULTIPLE,
    MONTHS,
    DAYS,
    COUNT,
    YEN,
    YEN_PER_PERSON,
    PERSONS,
    YEARS,
    FLAG,
    SCORE
  }

  static Style style(FeatureDefinition d) {
    String name = d.name();
    return switch (d.unit()) {
      case "ratio" -> {
        if (name.endsWith("_change") || name.endsWith("_change_yoy") && name.contains("margin")) {
          yield Style.POINTS;
        }
        if (name.contains("_ratio_")) {
          yield Style.MULTIPLE;
        }
        if (name.contains("growth") || name.endsWith("_change_yoy")) {
          yield Style.SIGNED_PERCENT;
        }
        yield Style.PERCENT;
      }
      case "months" -> Style.MONTHS;
      case "multiple" -> Style.MULTIPLE;
      case "days" -> Style.DAYS;
      case "count" -> Style.COUNT;
      case "yen" -> Style.YEN;
      case "yen per employee" -> Style.YEN_PER_PERSON;
      case "persons" -> Style.PERSONS;
      case "years" -> Style.YEARS;
      case "flag" -> Style.FLAG;
      default -> Style.SCORE;
    };
  }

  /**
   * The value {@code v} of feature {@code d} as people write it, in Japanese or English; a value
   * at a finite winsorisation bound reads as "bound or more" ("bound or less" for a negative lower
   * bound; a lower bound of 0 is a natural value).
   *
   * @throws IllegalArgumentException for NaN (a missing value has no number to write)
   */
  public static String value(FeatureDefinition d, double v, boolean japanese) {
    Objects.requireNonNull(d, "d");
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException("feature " + d.name() + ": a missing value has no text");
    }
    String number = plain(style(d), v, japanese);
    if (Double.isFinite(d.upperBound()) && v >= d.upperBound()) {
      return number + (japanese ? "以上" : " or more");
    }
    // a lower bound of 0 is where a non-negative quantity naturally starts (no interest paid, no
    // debt), not a clipped value
    if (Double.isFinite(d.lowerBound()) && d.lowerBound() < 0 && v <= d.lowerBound()) {
      return number + (japanese ? "以下" : " or less");
    }
    return number;
  }

  static String plain(Style style, double v, boolean ja) {
    return switch (style) {
      case PERCENT -> percent(100 * v) + "%";
      case SIGNED_PERCENT -> signed(percent(100 * v)) + "%";
      case POINTS -> signed(percent(100 * v)) + (ja ? " ポイント" : " pt");
      case MULTIPLE -> twoDigits(v) + (ja ? " 倍" : "×");
      case MONTHS -> twoDigits(v) + (ja ? " か月" : " months");
      case DAYS -> whole(v) + (ja ? " 日" : " days");
      case COUNT -> whole(v) + (ja ? " 件" : "");
      case YEN -> yen(v, ja);
      case YEN_PER_PERSON -> yen(v, ja) + (ja ? "/人" : " per employee");
      case PERSONS -> whole(v) + (ja ? " 人" : " employees");
      case YEARS -> String.format(Locale.ROOT, "%.1f", v) + (ja ? " 年" : " years");
      case FLAG -> v != 0 ? (ja ? "あり" : "yes") : (ja ? "なし" : "no");
      case SCORE -> String.format(Locale.ROOT, "%.2f", v);
    };
  }

  /** A percentage with two decimals below 1, one below 100, none above. */
  private static String percent(double p) {
    double a = Math.abs(p);
    String f = a < 1 ? "%.2f" : a < 100 ? "%.1f" : "%.0f";
    return String.format(Locale.ROOT, f, p);
  }

  private static String signed(String number) {
    return number.startsWith("-") || number.matches("0(\\.0+)?") ? number : "+" + number;
  }

  /** Two significant digits from 0.1 up (0.47, 3.1, 24), two decimals below. */
  private static String twoDigits(double v) {
    double a = Math.abs(v);
    String f = a < 1 ? "%.2f" : a < 10 ? "%.1f" : "%.0f";
    return String.format(Locale.ROOT, f, v);
  }

  private static String whole(double v) {
    return String.format(Locale.ROOT, "%,d", Math.round(v));
  }

  /** ¥12.3M, ¥150M, ¥1.2B, ¥850K in English; 1,230万円, 1.5億円, 8,500円 in Japanese. */
  private static String yen(double v, boolean ja) {
    double a = Math.abs(v);
    String sign = v < 0 ? "-" : "";
    if (ja) {
      if (a >= 1e8) {
        return sign + scaled(a / 1e8) + "億円";
      }
      if (a >= 1e4) {
        return sign + String.format(Locale.ROOT, "%,d", Math.round(a / 1e4)) + "万円";
      }
      return sign + String.format(Locale.ROOT, "%,d", Math.round(a)) + "円";
    }
    if (a >= 1e9) {
      return sign + "¥" + scaled(a / 1e9) + "B";
    }
    if (a >= 1e6) {
      return sign + "¥" + scaled(a / 1e6) + "M";
    }
    if (a >= 1e3) {
      return sign + "¥" + String.format(Locale.ROOT, "%.0f", a / 1e3) + "K";
    }
    return sign + "¥" + String.format(Locale.ROOT, "%,d", Math.round(a));
  }

  /** One decimal below 100 (12.3), none from 100 (150); thousands separated. */
  private static String scaled(double u) {
    return u < 100 ? String.format(Locale.ROOT, "%.1f", u) : String.format(Locale.ROOT, "%,.0f", u);
  }
}
