package dev.yocho.training.backtest;

import dev.yocho.cli.UsageException;
import dev.yocho.training.labels.Labels;
import dev.yocho.training.pipeline.TrainConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walk-forward retraining: the backtest's dates of calendar year Y are scored by a model trained
 * at the year boundary B = 1 January Y on data visible before B.
 *
 * <p>The point-in-time rule for labels: a training row as of A carries the label "defaults in (A,
 * A + 365 days]" (DESIGN section 4), which is known only once A + 365 days has passed. At B the
 * usable as-of dates are therefore the month-ends A with A + 365 days ≤ B, i.e. A ≤ B − 365 days;
 * their features only see facts reported by A (the batch features guarantee that) and their
 * labels and censoring only defaults and closures up to B. Of those month-ends the last third (3 to
 * 12 months) is the pipeline's out-of-time window and the rest its training window; at least
 * {@link #MIN_MONTHS} labelled month-ends are needed.
 */
public final class WalkForward {
  /** Fewer labelled month-ends than this before a boundary is too little to train on. */
  public static final int MIN_MONTHS = 12;

  private WalkForward() {}

  /** One retraining: its boundary and the windows it may use. */
  public record Step(LocalDate boundary, LocalDate trainFrom, LocalDate trainTo,
      LocalDate ootFrom, LocalDate ootTo) {
    /** The latest as-of date whose label is complete at the boundary. */
    public LocalDate lastLabelledAsOf() {
      return boundary.minusDays(365);
    }

    public TrainConfig apply(TrainConfig template) {
      return template.withWindows(trainFrom, trainTo, ootFrom, ootTo);
    }
  }

  /** The boundary of each backtest date: 1 January of its year. */
  public static LocalDate boundaryOf(LocalDate asOf) {
    return LocalDate.of(asOf.getYear(), 1, 1);
  }

  /** The steps for the given backtest dates, by boundary in date order. */
  public static Map<LocalDate, Step> plan(List<LocalDate> dates, LocalDate dataFrom) {
    Map<LocalDate, Step> steps = new LinkedHashMap<>();
    for (LocalDate d : dates) {
      LocalDate b = boundaryOf(d);
      if (!steps.containsKey(b)) {
        steps.put(b, step(b, dataFrom));
      }
    }
    return steps;
  }

  static Step step(LocalDate boundary, LocalDate dataFrom) {
    LocalDate last = boundary.minusDays(365);
    List<LocalDate> months = last.isBefore(dataFrom) ? List.of()
        : new ArrayList<>(Labels.monthEnds(dataFrom, last));
    // a first month-end before the data starts cannot hold a snapshot
    months.removeIf(m -> m.isBefore(dataFrom));
    if (months.size() < MIN_MONTHS) {
      throw new UsageException("walk-forward needs at least " + MIN_MONTHS + " labelled month-ends"
          + " before the year boundary " + boundary + " (as-of dates up to " + last
          + ", labels complete by the boundary), but the data from " + dataFrom + " has "
          + months.size() + "; start the backtest later or without --walk-forward");
    }
    int oot = Math.max(3, Math.min(12, months.size() / 3));
    LocalDate trainFrom = months.get(0);
    LocalDate trainTo = months.get(months.size() - oot - 1);
    LocalDate ootFrom = months.get(months.size() - oot);
    LocalDate ootTo = months.get(months.size() - 1);
    return new Step(boundary, trainFrom, trainTo, ootFrom, ootTo);
  }
}
