package dev.yocho.scoring.explain;

import dev.yocho.features.model.InquirerIndustry;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What became known, or left a look-back window, about one firm between the two dates of a move:
 * the facts a reason names. Read by one query set ({@code GradeStore.factsOfMove}) for the refresh
 * and both on-demand paths, so that every path names the same facts.
 *
 * @param events the firm's events reported in {@code (from - 365, to]} (the longest event window),
 *     by report date
 * @param statements the firm's statements that arrived in {@code (from, to]}, by arrival
 * @param trialBalances the firm's trial balances that arrived in {@code (from, to]}, by arrival
 * @param inquiries the firm's inquiry days in {@code (from - 365, to]}, by day
 */
public record MoveFacts(List<ReportedEvent> events, List<Statement> statements,
    List<TrialBalance> trialBalances, List<Inquiry> inquiries) {
  /** No facts. */
  public static final MoveFacts NONE = new MoveFacts(List.of(), List.of(), List.of(), List.of());

  public MoveFacts {
    events = List.copyOf(events);
    statements = List.copyOf(statements);
    trialBalances = List.copyOf(trialBalances);
    inquiries = List.copyOf(inquiries);
  }

  /** Only events (callers that have no other facts). */
  public static MoveFacts ofEvents(List<ReportedEvent> events) {
    return new MoveFacts(events, List.of(), List.of(), List.of());
  }

  /** A statement version: its period end and the day it became known. */
  public record Statement(LocalDate periodEnd, LocalDate availableAt) {
    public Statement {
      Objects.requireNonNull(periodEnd, "periodEnd");
      Objects.requireNonNull(availableAt, "availableAt");
    }
  }

  /** A trial balance version: its month and the day it became known. */
  public record TrialBalance(LocalDate month, LocalDate availableAt) {
    public TrialBalance {
      Objects.requireNonNull(month, "month");
      Objects.requireNonNull(availableAt, "availableAt");
    }
  }

  /** The inquiries of one inquirer industry on one day. */
  public record Inquiry(LocalDate day, InquirerIndustry who, int count) {
    public Inquiry {
      Objects.requireNonNull(day, "day");
      Objects.requireNonNull(who, "who");
      if (count < 1) {
        throw new IllegalArgumentException("an inquiry day counts at least one, was " + count);
      }
    }
  }
}
