package dev.yocho.synthetic;

import dev.yocho.features.model.ApplicationPurpose;
import dev.yocho.features.model.DefaultType;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Simulates one firm month by month and writes everything observable about it, plus its truth
 * rows. Not thread-safe: one instance per worker thread (it keeps scratch buffers).
 */
final class FirmSimulator {
  private static final String[] INQUIRERS = {
    InquirerIndustry.BANK.code(),
    InquirerIndustry.TRADE_CREDITOR.code(),
    InquirerIndustry.LEASING.code(),
    InquirerIndustry.COLLECTION.code()
  };

  private final Process process;
  private final MonthGrid grid;
  private final TruthSimulator truth;
  private final Rows staging = new Rows(64);
  private final int[] dayScratch = new int[256];
  private final double[] monthPd;
  private final int[] truthMonths;
  private final double[] targets;
  private final double[] defaultKs;

  /** Labelled (month-end, PD) pairs for the oracle AUC, appended by {@link #simulate}. */
  interface OracleSink {
    void accept(double pd, boolean defaulted);
  }

  FirmSimulator(Process process, TruthSimulator truth) {
    this.process = process;
    this.grid = process.grid();
    this.truth = truth;
    this.monthPd = new double[grid.months()];
    this.truthMonths = new int[grid.months()];
    this.targets = new double[process.pathLength()];
    this.defaultKs = new double[process.pathLength()];
  }

  void simulate(FirmProfile f, SplittableRandom r, Rows out, OracleSink oracle) {
    staging.clear();
    out.firms.row().l(f.firmId).s(f.name).s(f.traits.industry().code()).s(f.prefecture)
        .d(f.foundedDay).i(f.employees).l(f.capitalJpy).l(f.guaranteeBalanceJpy)
        .f(f.guaranteeCoverage).b(f.hasProperLoan).b(f.hasZeroZeroLoan).b(f.hasSuccessor);

    process.targets(f, targets);
    process.defaultKs(f, defaultKs);
    double distressK = Process.distressEntryK(f);
    double x = f.initialHealth;
    boolean distress = false;
    int exitDay = Integer.MAX_VALUE;
    boolean defaulted = false;
    int lastBouncedMonth = -100;
    double fySum = 0;
    int fyCount = 0;
    int truthCount = 0;
    double lastDebt = f.salesBase * 0.3;
    double lastCashDays = 30;

    for (int m = f.firstMonth; m <= grid.lastMonth(); m++) {
      double eps = r.nextGaussian();
      boolean loss = r.nextDouble() < Process.LOSS_PROBABILITY;
      boolean contract = r.nextDouble() < Process.CONTRACT_PROBABILITY;
      double uDistress = r.nextDouble();
      double uDefault = r.nextDouble();
      double uClose = r.nextDouble();
      if (m > f.firstMonth) {
        x = Process.nextHealth(x, targets[m], eps, loss, contract);
      }
      double hf = Process.healthFactor(x);
      distress = distress
          ? uDistress >= Process.DISTRESS_RECOVERY
          : uDistress < Process.hazard(distressK, hf);

      int monthStart = Math.max(grid.start(m), f.foundedDay);
      int monthEnd = grid.end(m);
      if (process.exitsPossible(m)) {
        double h = Process.hazard(
            defaultKs[m] * (distress ? Process.DISTRESS_FACTOR : 1.0), hf);
        if (uDefault < h) {
          int day = Math.max(grid.fromDay(), monthStart + r.nextInt(monthEnd - monthStart + 1));
          if (day <= grid.toDay()) {
            exitDay = day;
            defaulted = true;
            DefaultType type = defaultType(r, m - lastBouncedMonth <= 6);
            out.defaults.row().l(f.firmId).d(day).s(type.code());
          }
        } else if (uClose < f.closureMonthly) {
          int day = Math.max(grid.fromDay(), monthStart + r.nextInt(monthEnd - monthStart + 1));
          if (day <= grid.toDay()) {
            exitDay = day;
            out.closures.row().l(f.firmId).d(day);
          }
        }
      }

      int lastDay = Math.min(monthEnd, exitDay);
      if (m >= grid.firstObservedMonth() && lastDay >= monthStart) {
        double stress = 1.0 / (1.0 + Math.exp(1.6 * (x + 0.6)));
        inquiries(f, r, monthStart, lastDay, stress, distress);
        if (events(f, r, monthStart, lastDay, stress, distress, loss, contract)) {
          lastBouncedMonth = m;
        }
        applications(f, r, monthStart, lastDay, stress, distress);
        if (f.linkedAccounting) {
          trialBalance(f, r, m, x, lastDebt, lastCashDays);
        }
      }

      fySum += x;
      fyCount++;
      if (grid.yearMonth(m).getMonthValue() == f.fiscalYearEndMonth) {
        if (monthEnd - f.foundedDay >= 180) {
          double[] debtAndCash = statement(f, r, m, fySum / fyCount, distress);
          if (debtAndCash != null) {
            lastDebt = debtAndCash[0];
            lastCashDays = debtAndCash[1];
          }
        }
        fySum = 0;
        fyCount = 0;
      }

      if (exitDay != Integer.MAX_VALUE) {
        break;
      }
      if (truth != null && grid.isWindowMonthEnd(m)) {
        double pd = truth.oneYearPd(f, x, distress, m, targets, defaultKs);
        out.truth.row().l(f.firmId).d(monthEnd).f(pd);
        monthPd[truthCount] = pd;
        truthMonths[truthCount++] = m;
      }
    }

    if (oracle != null) {
      for (int k = 0; k < truthCount; k++) {
        int asOf = grid.end(truthMonths[k]);
        int horizon = asOf + 365;
        if (horizon > grid.toDay()) {
          continue;
        }
        boolean defaultsWithin = defaulted && exitDay > asOf && exitDay <= horizon;
        boolean closesWithin = !defaulted && exitDay > asOf && exitDay <= horizon;
        if (!closesWithin) {
          oracle.accept(monthPd[k], defaultsWithin);
        }
      }
    }

    // facts dated after the firm's exit, or after the data's end, are not observed
    int lastObserved = Math.min(grid.toDay(), exitDay);
    staging.statements.copyRowsUpTo(2, lastObserved, out.statements);
    staging.trialBalances.copyRowsUpTo(2, lastObserved, out.trialBalances);
    staging.inquiries.copyRowsUpTo(1, lastObserved, out.inquiries);
    staging.events.copyRowsUpTo(2, lastObserved, out.events);
    staging.applications.copyRowsUpTo(1, lastObserved, out.applications);
  }

  private static DefaultType defaultType(SplittableRandom r, boolean recentBouncedBill) {
    double u = r.nextDouble();
    if (recentBouncedBill && u < 0.6) {
      return DefaultType.SUSPENSION_OF_BANK_TRANSACTIONS;
    }
    if (u < 0.55) {
      return DefaultType.SUBROGATION;
    }
    return u < 0.90 ? DefaultType.LEGAL_BANKRUPTCY : DefaultType.SUSPENSION_OF_BANK_TRANSACTIONS;
  }

  private void inquiries(
      FirmProfile f, SplittableRandom r, int firstDay, int lastDay, double stress, boolean distress) {
    double size = 1 + 0.3 * Math.log1p(f.employees);
    double span = (lastDay - firstDay + 1) / 30.4;
    double d = distress ? 1 : 0;
    double[] rates = {
      (0.14 * size + 0.5 * stress + 2.0 * d) * span,
      (0.11 * size + 0.9 * stress + 4.5 * d) * span,
      (0.03 * size + 0.15 * stress + 0.4 * d) * span,
      (0.01 + 0.25 * stress + 2.0 * d) * span,
    };
    for (int k = 0; k < rates.length; k++) {
      int n = poisson(r, rates[k]);
      if (n == 0) {
        continue;
      }
      n = Math.min(n, dayScratch.length);
      for (int i = 0; i < n; i++) {
        dayScratch[i] = firstDay + r.nextInt(lastDay - firstDay + 1);
      }
      Arrays.sort(dayScratch, 0, n);
      int i = 0;
      while (i < n) {
        int j = i;
        while (j < n && dayScratch[j] == dayScratch[i]) {
          j++;
        }
        staging.inquiries.row().l(f.firmId).d(dayScratch[i]).s(INQUIRERS[k]).i(j - i);
        i = j;
      }
    }
  }

  /** Returns whether a bill bounced this month. */
  private boolean events(
      FirmProfile f,
      SplittableRandom r,
      int firstDay,
      int lastDay,
      double stress,
      boolean distress,
      boolean loss,
      boolean contract) {
    double d = distress ? 1 : 0;
    boolean bounced = false;
    event(f, r, EventType.PAYMENT_DELAY, 0.003 + 0.03 * stress + 0.30 * d, firstDay, lastDay, 5, 40);
    if (event(f, r, EventType.BOUNCED_BILL, 0.0004 + 0.004 * stress + 0.06 * d, firstDay, lastDay, 0, 3)) {
      bounced = true;
    }
    event(f, r, EventType.TAX_ARREARS, 0.002 + 0.02 * stress + 0.12 * d, firstDay, lastDay, 10, 60);
    event(f, r, EventType.SOCIAL_INSURANCE_ARREARS, 0.002 + 0.015 * stress + 0.10 * d, firstDay,
        lastDay, 10, 60);
    event(f, r, EventType.LAWSUIT, 0.001 + 0.006 * stress + 0.04 * d, firstDay, lastDay, 15, 60);
    event(f, r, EventType.REPAYMENT_RESCHEDULING,
        (0.001 + 0.015 * stress + 0.12 * d) * (f.hasZeroZeroLoan ? 1.5 : 1.0), firstDay, lastDay, 0,
        20);
    event(f, r, EventType.EXECUTIVE_RESIGNATION, 0.002 + 0.005 * stress + 0.03 * d, firstDay,
        lastDay, 5, 30);
    event(f, r, EventType.MAJOR_CUSTOMER_LOSS, loss ? 1.0 : 0.0, firstDay, lastDay, 10, 45);
    event(f, r, EventType.NEW_MAJOR_CONTRACT, contract ? 1.0 : 0.0, firstDay, lastDay, 5, 30);
    event(f, r, EventType.CAPITAL_INCREASE, 0.0015 * (1 - stress), firstDay, lastDay, 10, 40);
    event(f, r, EventType.NEW_PROPER_LOAN, (0.002 + 0.004 * (1 - stress)) * (1 - d), firstDay,
        lastDay, 0, 20);
    return bounced;
  }

  private boolean event(
      FirmProfile f,
      SplittableRandom r,
      EventType type,
      double probability,
      int firstDay,
      int lastDay,
      int minLag,
      int maxLag) {
    if (r.nextDouble() >= probability) {
      return false;
    }
    int occurred = firstDay + r.nextInt(lastDay - firstDay + 1);
    int reported = occurred + minLag + r.nextInt(maxLag - minLag + 1);
    staging.events.row().l(f.firmId).d(occurred).d(reported).s(type.code()).i(type.polarity());
    return true;
  }

  private void applications(
      FirmProfile f, SplittableRandom r, int firstDay, int lastDay, double stress, boolean distress) {
    double p = 0.012 + 0.05 * stress + (distress ? 0.18 : 0.0);
    if (r.nextDouble() >= p) {
      return;
    }
    int day = firstDay + r.nextInt(lastDay - firstDay + 1);
    double u = r.nextDouble();
    ApplicationPurpose purpose = u < 0.15 + 0.5 * stress
        ? ApplicationPurpose.REFINANCING
        : (u < 0.15 + 0.5 * stress + 0.25 * (1 - stress)
            ? ApplicationPurpose.EQUIPMENT
            : ApplicationPurpose.WORKING_CAPITAL);
    long amount = Math.max(1_000_000L,
        Math.round(f.salesBase * (0.03 + 0.12 * r.nextDouble()) / 10_000) * 10_000);
    staging.applications.row().l(f.firmId).d(day).s(purpose.code()).l(amount);
  }

  private double annualSales(FirmProfile f, double health, int month, double noise) {
    double years = month / 12.0;
    return f.salesBase * Math.exp(0.18 * health + 0.012 * years + noise);
  }

  private void trialBalance(
      FirmProfile f, SplittableRandom r, int m, double x, double debt, double cashDays) {
    double monthlySales = annualSales(f, x, m, 0.05 * r.nextGaussian()) / 12.0;
    double margin = operatingMargin(f, x, m) + 0.01 * r.nextGaussian();
    int end = grid.end(m);
    staging.trialBalances.row().l(f.firmId).d(end).d(end + 15 + r.nextInt(31))
        .y(monthlySales)
        .y(monthlySales * f.traits.cogsRatio())
        .y(monthlySales * margin)
        .y(Math.max(0, monthlySales * 12 * cashDays / 365 * (1 + 0.1 * r.nextGaussian())))
        .y(Math.max(0, debt * (1 + 0.03 * r.nextGaussian())));
  }

  private double operatingMargin(FirmProfile f, double health, int month) {
    return 0.021 + 0.014 * health
        - 0.004 * f.traits.costSensitivity() * process.economy().costPressure(
            Math.min(month, grid.lastMonth()));
  }

  /** Writes the statement for the fiscal year ending in month m; returns {debt, cash days}. */
  private double[] statement(
      FirmProfile f, SplittableRandom r, int m, double fyHealth, boolean distress) {
    double missingP = 0.03 + (distress ? 0.25 : 0.0);
    double lateP = 0.04 + (distress ? 0.3 : 0.0);
    double uMissing = r.nextDouble();
    double uLate = r.nextDouble();
    double uRestate = r.nextDouble();
    // window dressing: a weak firm's statement looks healthier than the firm is
    double shown = f.windowDresser && fyHealth < 0.3 ? fyHealth + 0.75 * (0.3 - fyHealth) : fyHealth;
    IndustryTraits t = f.traits;

    double sales = annualSales(f, shown, m, 0.07 * r.nextGaussian());
    double cogsRatio = Math.min(0.95, Math.max(0.05, t.cogsRatio() + 0.03 * r.nextGaussian()));
    double costOfSales = sales * cogsRatio;
    double operatingIncome = sales * (operatingMargin(f, shown, m) + 0.021 * r.nextGaussian());
    double sga = sales - costOfSales - operatingIncome;

    double cashDays = Math.max(2, 38 + 22 * shown + 12 * r.nextGaussian());
    double cash = sales * cashDays / 365;
    double receivables = sales * Math.max(0, t.receivableDays() + 8 * r.nextGaussian()) / 365;
    double inventory = costOfSales * Math.max(0, t.inventoryMonths() + 0.25 * r.nextGaussian()) / 12;
    double currentAssets = cash + receivables + inventory + 0.03 * sales;
    double fixedAssets = sales * f.fixedAssetsToSales * Math.exp(0.05 * r.nextGaussian());
    double totalAssets = currentAssets + fixedAssets;
    double equityRatio = 0.20 + 0.24 * (0.6 * shown + 0.4 * f.healthLevel) + 0.08 * r.nextGaussian();
    double netAssets = equityRatio * totalAssets;
    double totalLiabilities = totalAssets - netAssets;
    double payables = Math.min(costOfSales * t.payableMonths() / 12, 0.5 * totalLiabilities);
    double otherLiabilities = 0.08 * totalLiabilities;
    double debt = Math.max(0, totalLiabilities - payables - otherLiabilities);
    if (f.debtFree) {
      otherLiabilities += debt;
      debt = 0;
    }
    double shortTermDebt = 0.35 * debt;
    double longTermDebt = debt - shortTermDebt;
    double rate = process.economy().rate(Math.min(m, grid.lastMonth())) + f.spread;
    double interest = debt * rate;
    double nonOperatingIncome = sales * 0.004 * Math.exp(0.5 * r.nextGaussian());
    double nonOperatingExpense = interest + sales * 0.002 * Math.exp(0.5 * r.nextGaussian());
    double ordinaryIncome = operatingIncome + nonOperatingIncome - nonOperatingExpense;
    double depreciation = fixedAssets * 0.07;
    double extraordinary = r.nextDouble() < 0.05 ? sales * 0.02 * r.nextGaussian() : 0;
    double pretax = ordinaryIncome + extraordinary;
    double netIncome = pretax > 0 ? 0.7 * pretax : pretax;

    if (uMissing < missingP) {
      return new double[] {debt, cashDays};
    }
    int periodEnd = grid.end(m);
    int available = periodEnd + 60 + r.nextInt(61);
    if (uLate < lateP) {
      int reported = periodEnd + 125;
      staging.events.row().l(f.firmId).d(periodEnd + 121).d(reported)
          .s(EventType.LATE_STATEMENT.code()).i(EventType.LATE_STATEMENT.polarity());
      available = periodEnd + 125 + 30 + r.nextInt(150);
    }
    writeStatement(f.firmId, periodEnd, available, sales, costOfSales, sga, operatingIncome,
        nonOperatingIncome, nonOperatingExpense, interest, ordinaryIncome, depreciation, netIncome,
        cash, receivables, inventory, currentAssets, fixedAssets, totalAssets, payables,
        shortTermDebt, longTermDebt, totalLiabilities, netAssets);
    if (uRestate < 0.02) {
      // a restatement: losses found later, a new row with a later available_at
      double writeDown = sales * (0.005 + 0.02 * r.nextDouble());
      writeStatement(f.firmId, periodEnd, available + 30 + r.nextInt(170), sales, costOfSales,
          sga + writeDown, operatingIncome - writeDown, nonOperatingIncome, nonOperatingExpense,
          interest, ordinaryIncome - writeDown, depreciation, netIncome - writeDown, cash,
          receivables, inventory, currentAssets, fixedAssets - writeDown,
          totalAssets - writeDown, payables, shortTermDebt, longTermDebt, totalLiabilities,
          netAssets - writeDown);
    }
    return new double[] {debt, cashDays};
  }

  private void writeStatement(long firmId, int periodEnd, int available, double... values) {
    TableBuffer s = staging.statements.row().l(firmId).d(periodEnd).d(available);
    for (double v : values) {
      s.y(v);
    }
  }

  /** Poisson variate by inversion (rates here are small). */
  static int poisson(SplittableRandom r, double lambda) {
    if (lambda <= 0) {
      return 0;
    }
    if (lambda > 30) {
      return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }
    double p = Math.exp(-lambda);
    double c = p;
    double u = r.nextDouble();
    int k = 0;
    while (u > c && k < 200) {
      k++;
      p *= lambda / k;
      c += p;
    }
    return k;
  }
}
