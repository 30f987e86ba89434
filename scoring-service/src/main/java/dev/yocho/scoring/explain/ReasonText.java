package dev.yocho.scoring.explain;

import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.catalogue.FeatureDefinition;
import dev.yocho.features.catalogue.FeatureFormat;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The text of reasons a credit officer reads, in Japanese and English: values in their units
 * ({@link FeatureFormat}), a missing value with the fact behind it, and the facts behind a change
 * (the new statement with its period and the day it arrived; an inquiry that left its window and
 * how long ago it was made).
 */
final class ReasonText {
  private ReasonText() {}

  /** "label from → to", each value in its unit or, when missing, why. */
  static String values(Reason r, Language language) {
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    FeatureDefinition d = catalogue.get(catalogue.require(r.feature()));
    boolean ja = language == Language.JA;
    return (ja ? d.labelJa() : d.labelEn()) + " " + value(d, r.valueFrom(), r.missingFrom(), ja)
        + " → " + value(d, r.valueTo(), r.missingTo(), ja);
  }

  private static String value(FeatureDefinition d, double v, Reason.Missing missing,
      boolean ja) {
    if (Double.isNaN(v)) {
      String why = missing.text(ja ? Language.JA : Language.EN);
      return ja ? "なし(" + why + ")" : "none (" + why + ")";
    }
    String text = FeatureFormat.value(d, v, ja);
    if (d.name().equals("ebitda_net_debt_multiple") && v >= d.upperBound()) {
      // the catalogue sets the bound also when EBITDA <= 0 with net debt (never repaid)
      text += ja ? "(EBITDA がマイナスの場合を含む)" : " (or EBITDA not positive)";
    }
    return text;
  }

  /** One sentence about a fact; ages count back from {@code to} when it is given. */
  static String fact(ReasonEvent e, Language language, LocalDate to) {
    boolean ja = language == Language.JA;
    switch (e.kind()) {
      case EVENT -> {
        EventType type = EventType.fromCode(e.code());
        if (ja) {
          return e.reportedOn() + "に" + (e.first() ? "初の" : "") + type.labelJa() + "の報告(発生 "
              + e.occurredOn() + ")";
        }
        return (e.first() ? "first " : "") + type.labelEn() + " reported on " + e.reportedOn()
            + " (occurred " + e.occurredOn() + ")";
      }
      case EVENT_LEFT -> {
        EventType type = EventType.fromCode(e.code());
        if (ja) {
          return when(e.reportedOn(), to, true) + "に報告された" + type.labelJa() + "が"
              + e.windowDays() + "日の集計期間から外れた";
        }
        return "the " + type.labelEn() + " reported " + when(e.reportedOn(), to, false)
            + " left the " + e.windowDays() + "-day window";
      }
      case STATEMENT -> {
        LocalDate p = e.occurredOn();
        if (ja) {
          return p.getYear() + "年" + p.getMonthValue() + "月期の決算書が" + e.reportedOn()
              + "に届いた";
        }
        return "a new statement for the period ended " + p + " arrived on " + e.reportedOn();
      }
      case TRIAL_BALANCE -> {
        LocalDate m = e.occurredOn();
        if (ja) {
          return m.getYear() + "年" + m.getMonthValue() + "月の月次試算表が" + e.reportedOn()
              + "に届いた";
        }
        return "the trial balance for " + m.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
            + " " + m.getYear() + " arrived on " + e.reportedOn();
      }
      case INQUIRY_NEW -> {
        InquirerIndustry who = InquirerIndustry.fromCode(e.code());
        int n = (int) Math.round(e.countTo());
        if (ja) {
          return when(e.occurredOn(), to, true) + "に" + who.labelJa() + "からの照会が" + n
              + "件あった";
        }
        return inquiries(who, n) + " " + when(e.occurredOn(), to, false);
      }
      case INQUIRY_LEFT -> {
        InquirerIndustry who = InquirerIndustry.fromCode(e.code());
        int n = (int) Math.round(e.countFrom());
        if (ja) {
          return when(e.occurredOn(), to, true) + "の" + who.labelJa() + "からの照会" + n + "件が"
              + e.windowDays() + "日の集計期間から外れた";
        }
        return inquiries(who, n) + " " + when(e.occurredOn(), to, false) + " left the "
            + e.windowDays() + "-day window";
      }
      case INQUIRIES -> {
        return counts(e, ja);
      }
      default -> throw new IllegalStateException("kind " + e.kind());
    }
  }

  /** "91日前(2025-10-01)" / "91 days ago (2025-10-01)", or the date alone without {@code to}. */
  private static String when(LocalDate day, LocalDate to, boolean ja) {
    if (to == null) {
      return ja ? day.toString() : "on " + day;
    }
    long ago = ChronoUnit.DAYS.between(day, to);
    if (ja) {
      return ago == 0 ? "当日(" + day + ")" : ago + "日前(" + day + ")";
    }
    return ago == 0 ? "on the day (" + day + ")"
        : ago + (ago == 1 ? " day ago (" : " days ago (") + day + ")";
  }

  private static String inquiries(InquirerIndustry who, int n) {
    if (n == 1) {
      return "an inquiry from " + article(singular(who));
    }
    return n + " inquiries from " + who.labelEn();
  }

  private static String singular(InquirerIndustry who) {
    return switch (who) {
      case BANK -> "bank";
      case TRADE_CREDITOR -> "trade creditor";
      case LEASING -> "leasing company";
      case COLLECTION -> "collection agency";
    };
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
  }

  private static String counts(ReasonEvent e, boolean ja) {
    InquirerIndustry who = InquirerIndustry.fromCode(e.code());
    String from = count(e.countFrom());
    String to = count(e.countTo());
    if (ja) {
      String head = who.labelJa() + "からの照会(" + e.windowDays() + "日間)が";
      if (from.equals(to)) {
        return head + from + "件で変わらず";
      }
      return head + from + "件から" + to + "件に" + (e.countTo() > e.countFrom() ? "増加" : "減少");
    }
    String head = "inquiries from " + who.labelEn() + " in " + e.windowDays() + " days ";
    if (from.equals(to)) {
      return head + "stayed at " + from;
    }
    return head + (e.countTo() > e.countFrom() ? "rose" : "fell") + " from " + from + " to " + to;
  }

  private static String count(double c) {
    return Double.isNaN(c) ? "?" : Long.toString(Math.round(c));
  }
}
