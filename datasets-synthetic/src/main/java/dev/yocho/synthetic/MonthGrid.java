package dev.yocho.synthetic;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The monthly time grid of a simulation: month 0 is the first burn-in month, {@link
 * #firstWindowMonth()} the month holding {@code from}, {@link #lastMonth()} the month holding
 * {@code to}. Dates are handled as epoch days.
 */
public final class MonthGrid {
  /** Months simulated before the window so that statements and inquiry baselines exist at its start. */
  public static final int BURN_IN_MONTHS = 24;
  /** Burn-in months whose inquiries, events, applications and trial balances are written. */
  public static final int OBSERVED_BURN_IN_MONTHS = 12;

  private final YearMonth first;
  private final int months;
  private final int firstWindowMonth;
  private final int[] monthStart;
  private final int[] monthEnd;
  private final int fromDay;
  private final int toDay;

  public MonthGrid(LocalDate from, LocalDate to) {
    this.first = YearMonth.from(from).minusMonths(BURN_IN_MONTHS);
    this.firstWindowMonth = BURN_IN_MONTHS;
    this.months = BURN_IN_MONTHS + (int) (YearMonth.from(from).until(YearMonth.from(to),
        java.time.temporal.ChronoUnit.MONTHS)) + 1;
    this.monthStart = new int[months];
    this.monthEnd = new int[months];
    for (int m = 0; m < months; m++) {
      YearMonth ym = first.plusMonths(m);
      monthStart[m] = (int) ym.atDay(1).toEpochDay();
      monthEnd[m] = (int) ym.atEndOfMonth().toEpochDay();
    }
    this.fromDay = (int) from.toEpochDay();
    this.toDay = (int) to.toEpochDay();
  }

  public int months() {
    return months;
  }

  public int firstWindowMonth() {
    return firstWindowMonth;
  }

  public int lastMonth() {
    return months - 1;
  }

  /** First month whose facts are written. */
  public int firstObservedMonth() {
    return BURN_IN_MONTHS - OBSERVED_BURN_IN_MONTHS;
  }

  public int start(int month) {
    return monthStart[month];
  }

  public int end(int month) {
    return monthEnd[month];
  }

  public int days(int month) {
    return monthEnd[month] - monthStart[month] + 1;
  }

  public int fromDay() {
    return fromDay;
  }

  public int toDay() {
    return toDay;
  }

  public YearMonth yearMonth(int month) {
    return first.plusMonths(month);
  }

  /** Whether month-end {@code month} is inside the window (a truth row is due). */
  public boolean isWindowMonthEnd(int month) {
    return month >= firstWindowMonth && monthEnd[month] <= toDay && monthEnd[month] >= fromDay;
  }
}
