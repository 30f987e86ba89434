package dev.yocho.scoring.explain;

import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A fact behind a reason: an event reported between the two dates, or the change of an inquiry
 * count.
 *
 * @param kind {@link Kind#EVENT} or {@link Kind#INQUIRIES}
 * @param code the event type code ({@code bounced_bill}) or the inquirer code
 *     ({@code trade_creditor})
 * @param occurredOn when the event happened (events only, else null)
 * @param reportedOn when the event was reported (events only, else null)
 * @param first whether no event of this type was visible before (events only)
 * @param windowDays the inquiry window in days (inquiries only, else 0)
 * @param countFrom inquiries in the window at the earlier date (inquiries only, else NaN)
 * @param countTo inquiries in the window at the later date (inquiries only, else NaN)
 */
public record ReasonEvent(
    Kind kind,
    String code,
    LocalDate occurredOn,
    LocalDate reportedOn,
    boolean first,
    int windowDays,
    double countFrom,
    double countTo) {

  /** What a reason event is. */
  public enum Kind {
    EVENT,
    INQUIRIES;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ReasonEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    if (kind == Kind.EVENT) {
      EventType.fromCode(code);
      Objects.requireNonNull(reportedOn, "reportedOn");
    } else {
      InquirerIndustry.fromCode(code);
      if (windowDays <= 0) {
        throw new IllegalArgumentException("inquiry window must be positive, was " + windowDays);
      }
    }
  }

  public static ReasonEvent event(
      EventType type, LocalDate occurredOn, LocalDate reportedOn, boolean first) {
    return new ReasonEvent(Kind.EVENT, type.code(), occurredOn, reportedOn, first, 0, Double.NaN,
        Double.NaN);
  }

  public static ReasonEvent inquiries(
      InquirerIndustry who, int windowDays, double countFrom, double countTo) {
    return new ReasonEvent(Kind.INQUIRIES, who.code(), null, null, false, windowDays, countFrom,
        countTo);
  }

  /** One sentence, e.g. "first bounced bill reported on 2025-03-04". */
  public String text(Language language) {
    if (kind == Kind.EVENT) {
      EventType type = EventType.fromCode(code);
      if (language == Language.JA) {
        return reportedOn + "に" + (first ? "初の" : "") + type.labelJa() + "の報告(発生 "
            + occurredOn + ")";
      }
      return (first ? "first " : "") + type.labelEn() + " reported on " + reportedOn
          + " (occurred " + occurredOn + ")";
    }
    InquirerIndustry who = InquirerIndustry.fromCode(code);
    String from = count(countFrom);
    String to = count(countTo);
    if (language == Language.JA) {
      String head = who.labelJa() + "からの照会(" + windowDays + "日間)が";
      if (from.equals(to)) {
        return head + from + "件で変わらず";
      }
      return head + from + "件から" + to + "件に" + (countTo > countFrom ? "増加" : "減少");
    }
    String head = "inquiries from " + who.labelEn() + " in " + windowDays + " days ";
    if (from.equals(to)) {
      return head + "stayed at " + from;
    }
    return head + (countTo > countFrom ? "rose" : "fell") + " from " + from + " to " + to;
  }

  private static String count(double c) {
    return Double.isNaN(c) ? "?" : Long.toString(Math.round(c));
  }
}
