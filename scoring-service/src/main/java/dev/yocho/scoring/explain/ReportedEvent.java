package dev.yocho.scoring.explain;

import dev.yocho.features.model.EventType;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An {@code events} row as the explainer needs it.
 *
 * @param firmId the firm
 * @param type the event type
 * @param occurredOn when it happened
 * @param reportedOn when the monitor learnt of it (the point-in-time date)
 */
public record ReportedEvent(long firmId, EventType type, LocalDate occurredOn,
    LocalDate reportedOn) {
  public ReportedEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(occurredOn, "occurredOn");
    Objects.requireNonNull(reportedOn, "reportedOn");
  }
}
