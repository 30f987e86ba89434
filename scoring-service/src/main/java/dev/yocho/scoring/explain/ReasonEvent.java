package dev.yocho.scoring.explain;

import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A fact behind a reason: something that became known between the two dates (an event, a
 * statement, a trial balance, an inquiry), something that left a look-back window (an event, an
 * inquiry), or the change of an inquiry count.
 *
 * @param kind what the fact is
 * @param code the event type code ({@code bounced_bill}) for events, the inquirer code ({@code
 *     trade_creditor}) for inquiries, {@code statement} or {@code trial_balance}
 * @param occurredOn when the event happened; the statement's period end; the trial balance's
 *     month; the inquiry day (else null)
 * @param reportedOn when the event was reported or the statement or trial balance arrived (else
 *     null)
 * @param first whether no event of this type was visible before (events only)
 * @param windowDays the look-back window in days (inquiries and events leaving a window, else 0)
 * @param countFrom inquiries in the window at the earlier date (counts), inquiries of the day that
 *     left (else NaN)
 * @param countTo inquiries in the window at the later date (counts), inquiries of the new day
 *     (else NaN)
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
    /** An event reported between the dates (a new fact). */
    EVENT,
    /** The inquiry count of a window at both dates. */
    INQUIRIES,
    /** A statement that arrived between the dates (a new fact). */
    STATEMENT,
    /** A trial balance that arrived between the dates (a new fact). */
    TRIAL_BALANCE,
    /** Inquiries of a day between the dates, still in the window (a new fact). */
    INQUIRY_NEW,
    /** Inquiries of a day that were in the window at the earlier date and left it. */
    INQUIRY_LEFT,
    /** An event that was in the window at the earlier date and left it. */
    EVENT_LEFT;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a fact of this kind became known between the dates. */
    public boolean newFact() {
      return this == EVENT || this == STATEMENT || this == TRIAL_BALANCE || this == INQUIRY_NEW;
    }
  }

  public ReasonEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    switch (kind) {
      case EVENT, EVENT_LEFT -> {
        EventType.fromCode(code);
        Objects.requireNonNull(reportedOn, "reportedOn");
      }
      case STATEMENT, TRIAL_BALANCE -> {
        if (!code.equals(kind.code())) {
          throw new IllegalArgumentException("a " + kind.code() + " fact has code '" + code + "'");
        }
        Objects.requireNonNull(occurredOn, "occurredOn");
        Objects.requireNonNull(reportedOn, "reportedOn");
      }
      case INQUIRIES, INQUIRY_NEW, INQUIRY_LEFT -> InquirerIndustry.fromCode(code);
      default -> throw new IllegalStateException("kind " + kind);
    }
    if ((kind == Kind.INQUIRIES || kind == Kind.INQUIRY_NEW || kind == Kind.INQUIRY_LEFT
        || kind == Kind.EVENT_LEFT) && windowDays <= 0) {
      throw new IllegalArgumentException("a window must be positive, was " + windowDays);
    }
    if ((kind == Kind.INQUIRY_NEW || kind == Kind.INQUIRY_LEFT) && occurredOn == null) {
      throw new IllegalArgumentException("an inquiry fact needs its day");
    }
  }

  public static ReasonEvent event(
      EventType type, LocalDate occurredOn, LocalDate reportedOn, boolean first) {
    return new ReasonEvent(Kind.EVENT, type.code(), occurredOn, reportedOn, first, 0, Double.NaN,
        Double.NaN);
  }

  public static ReasonEvent eventLeft(
      EventType type, LocalDate occurredOn, LocalDate reportedOn, int windowDays) {
    return new ReasonEvent(Kind.EVENT_LEFT, type.code(), occurredOn, reportedOn, false,
        windowDays, Double.NaN, Double.NaN);
  }

  public static ReasonEvent inquiries(
      InquirerIndustry who, int windowDays, double countFrom, double countTo) {
    return new ReasonEvent(Kind.INQUIRIES, who.code(), null, null, false, windowDays, countFrom,
        countTo);
  }

  public static ReasonEvent inquiryNew(InquirerIndustry who, LocalDate day, int windowDays,
      int count) {
    return new ReasonEvent(Kind.INQUIRY_NEW, who.code(), day, null, false, windowDays,
        Double.NaN, count);
  }

  public static ReasonEvent inquiryLeft(InquirerIndustry who, LocalDate day, int windowDays,
      int count) {
    return new ReasonEvent(Kind.INQUIRY_LEFT, who.code(), day, null, false, windowDays, count,
        Double.NaN);
  }

  public static ReasonEvent statement(LocalDate periodEnd, LocalDate availableAt) {
    return new ReasonEvent(Kind.STATEMENT, Kind.STATEMENT.code(), periodEnd, availableAt, false,
        0, Double.NaN, Double.NaN);
  }

  public static ReasonEvent trialBalance(LocalDate month, LocalDate availableAt) {
    return new ReasonEvent(Kind.TRIAL_BALANCE, Kind.TRIAL_BALANCE.code(), month, availableAt,
        false, 0, Double.NaN, Double.NaN);
  }

  /** One sentence, e.g. "first bounced bill reported on 2025-03-04", without the move's date. */
  public String text(Language language) {
    return ReasonText.fact(this, language, null);
  }

  /**
   * One sentence as of the move's later date {@code to}, which ages are counted from: "an inquiry
   * from a trade creditor 91 days ago (2025-10-01) left the 90-day window".
   */
  public String text(Language language, LocalDate to) {
    return ReasonText.fact(this, language, to);
  }
}
