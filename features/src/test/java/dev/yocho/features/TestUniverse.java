package dev.yocho.features;

import dev.yocho.features.model.ApplicationPurpose;
import dev.yocho.features.model.DefaultType;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.Industry;
import dev.yocho.features.model.InquirerIndustry;
import dev.yocho.features.model.Schema;
import java.sql.Connection;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small seeded universe of firms written into every observable table, full of the awkward cases
 * feature code gets wrong: restatements, late filings, statements available before their period
 * end, skipped years, same-day events and applications, zero and negative denominators, zero
 * employees, firms founded inside the window, thin files, trial balances with revisions and gaps,
 * firms that default (some twice) or close. Not realistic in distribution; realistic in shape.
 *
 * <p>Deterministic: one root seed, split per firm.
 */
public final class TestUniverse {
  public static final LocalDate WINDOW_FROM = LocalDate.of(2021, 1, 1);
  public static final LocalDate WINDOW_TO = LocalDate.of(2025, 12, 31);
  private static final LocalDate HISTORY_FROM = LocalDate.of(2019, 1, 1);

  private TestUniverse() {}

  /** Creates the observable tables in {@code connection} and fills them with {@code firms} firms. */
  public static void build(Connection connection, int firms, long seed) throws SQLException {
    Schema.createObservable(connection);
    write(connection, firms, seed);
  }

  /** Fills existing observable tables. */
  public static void write(Connection connection, int firmCount, long seed) throws SQLException {
    SplittableRandom root = new SplittableRandom(seed);
    Rows firms = new Rows(connection, "firms");
    Rows statements = new Rows(connection, "statements");
    Rows trials = new Rows(connection, "monthly_trial_balances");
    Rows inquiries = new Rows(connection, "inquiries");
    Rows events = new Rows(connection, "events");
    Rows applications = new Rows(connection, "guarantee_applications");
    Rows defaults = new Rows(connection, "defaults");
    Rows closures = new Rows(connection, "closures");
    for (long id = 1; id <= firmCount; id++) {
      SplittableRandom r = root.split();
      LocalDate founded = r.nextDouble() < 0.2
          ? WINDOW_FROM.plusDays(r.nextInt(1700))
          : LocalDate.of(1970 + r.nextInt(50), 1 + r.nextInt(12), 1 + r.nextInt(28));
      int employees = r.nextDouble() < 0.15 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 5 : 60);
      Industry industry = Industry.values()[r.nextInt(Industry.values().length)];
      firms.add(id, "firm " + id, industry.code(), "tokyo", founded, employees,
          1_000_000L * (1 + r.nextInt(50)), 500_000L * r.nextInt(200),
          r.nextBoolean() ? 0.8 : 1.0, r.nextBoolean(), r.nextDouble() < 0.3,
          r.nextDouble() < 0.5);

      LocalDate defaultOn = null;
      if (r.nextDouble() < 0.12) {
        defaultOn = between(r, later(founded.plusDays(20), WINDOW_FROM.minusDays(200)),
            WINDOW_TO.plusDays(100));
        DefaultType type = DefaultType.values()[r.nextInt(DefaultType.values().length)];
        defaults.add(id, defaultOn, type.code());
        if (r.nextDouble() < 0.15) {
          defaults.add(id, defaultOn.plusDays(1 + r.nextInt(200)), type.code());
        }
      }
      if (r.nextDouble() < 0.07) {
        closures.add(id, between(r, later(founded.plusDays(20), WINDOW_FROM.minusDays(200)),
            WINDOW_TO.plusDays(100)));
      }

      boolean thin = r.nextDouble() < 0.15;
      if (!thin) {
        writeStatements(statements, r, id, founded);
      }
      if (r.nextDouble() < (thin ? 0.05 : 0.25)) {
        writeTrialBalances(trials, r, id, founded);
      }
      LocalDate factFrom = later(founded.minusDays(30), HISTORY_FROM);
      int inquiryDays = r.nextInt(40);
      for (int i = 0; i < inquiryDays; i++) {
        inquiries.add(id, between(r, factFrom, WINDOW_TO), inquirer(r), 1 + r.nextInt(3));
      }
      if (defaultOn != null) {
        int burst = 5 + r.nextInt(25);
        for (int i = 0; i < burst; i++) {
          inquiries.add(id, defaultOn.minusDays(r.nextInt(120)), inquirer(r), 1 + r.nextInt(4));
        }
      }
      int eventCount = r.nextInt(16);
      for (int i = 0; i < eventCount; i++) {
        EventType type = EventType.values()[r.nextInt(EventType.values().length)];
        LocalDate occurred = between(r, factFrom, WINDOW_TO);
        LocalDate reported = r.nextDouble() < 0.1 ? occurred : occurred.plusDays(r.nextInt(90));
        events.add(id, occurred, reported, type.code(), type.polarity());
        if (r.nextDouble() < 0.2) { // another event reported the same day
          EventType other = EventType.values()[r.nextInt(EventType.values().length)];
          events.add(id, occurred.minusDays(r.nextInt(30)), reported, other.code(),
              other.polarity());
        }
      }
      int applicationCount = r.nextInt(7);
      for (int i = 0; i < applicationCount; i++) {
        LocalDate applied = between(r, factFrom, WINDOW_TO);
        ApplicationPurpose purpose =
            ApplicationPurpose.values()[r.nextInt(ApplicationPurpose.values().length)];
        applications.add(id, applied, purpose.code(), 1_000_000L * (1 + r.nextInt(30)));
        if (r.nextDouble() < 0.1) {
          applications.add(id, applied, purpose.code(), 500_000L);
        }
      }
    }
    for (Rows rows : List.of(firms, statements, trials, inquiries, events, applications, defaults,
        closures)) {
      rows.flush();
    }
    Rows info = new Rows(connection, "dataset_info");
    info.add("window_from", WINDOW_FROM.toString());
    info.add("window_to", WINDOW_TO.toString());
    info.add("source", "test-universe");
    info.add("seed", Long.toString(seed));
    info.flush();
  }

  private static void writeStatements(Rows out, SplittableRandom r, long id, LocalDate founded) {
    int fiscalMonth = 1 + r.nextInt(12);
    for (int year = Math.max(2015, founded.getYear()); year <= 2025; year++) {
      LocalDate periodEnd = YearMonth.of(year, fiscalMonth).atEndOfMonth();
      if (periodEnd.isBefore(founded.plusDays(150)) || periodEnd.isAfter(WINDOW_TO)) {
        continue;
      }
      if (r.nextDouble() < 0.08) {
        continue; // a skipped year: the next statement has no prior-year statement
      }
      double u = r.nextDouble();
      LocalDate available = u < 0.03
          ? periodEnd.minusDays(r.nextInt(10)) // available before its period end (estimate)
          : u < 0.11 ? periodEnd.plusDays(200 + r.nextInt(300)) // late filing
          : periodEnd.plusDays(45 + r.nextInt(75));
      out.add(statementRow(r, id, periodEnd, available));
      if (r.nextDouble() < 0.12) { // restatement, a new row with a later available_at
        out.add(statementRow(r, id, periodEnd, available.plusDays(1 + r.nextInt(300))));
      }
    }
  }

  private static Object[] statementRow(
      SplittableRandom r, long id, LocalDate periodEnd, LocalDate available) {
    double u = r.nextDouble();
    double sales = u < 0.04 ? 0 : u < 0.07 ? -money(r, 1e6) : money(r, 5e8);
    double cos = r.nextDouble() < 0.05 ? 0 : Math.round(Math.abs(sales) * (0.4 + 0.5 * r.nextDouble()));
    double sga = money(r, 1e8);
    double operating = Math.round(sales - cos - sga);
    double nonOpIncome = money(r, 1e6);
    double nonOpExpense = money(r, 5e6);
    double interest = Math.round(nonOpExpense * r.nextDouble());
    double ordinary = operating + nonOpIncome - nonOpExpense;
    double depreciation = r.nextDouble() < 0.2 ? 0 : money(r, 2e7);
    double net = Math.round(ordinary * 0.7);
    double cash = r.nextDouble() < 0.05 ? 0 : money(r, 1e8);
    double receivables = money(r, 1e8);
    double inventory = r.nextDouble() < 0.3 ? 0 : money(r, 5e7);
    double current = cash + receivables + inventory;
    double fixed = money(r, 2e8);
    double v = r.nextDouble();
    double total = v < 0.04 ? 0 : v < 0.06 ? -money(r, 1e6) : current + fixed;
    double payables = money(r, 6e7);
    double shortDebt = r.nextDouble() < 0.2 ? 0 : money(r, 1e8);
    double longDebt = r.nextDouble() < 0.2 ? 0 : money(r, 2e8);
    double netAssets = r.nextDouble() < 0.2 ? -money(r, 5e7) : money(r, 1e8);
    double liabilities = total - netAssets;
    return new Object[] {id, periodEnd, available, sales, cos, sga, operating, nonOpIncome,
        nonOpExpense, interest, ordinary, depreciation, net, cash, receivables, inventory, current,
        fixed, total, payables, shortDebt, longDebt, liabilities, netAssets};
  }

  private static void writeTrialBalances(Rows out, SplittableRandom r, long id, LocalDate founded) {
    YearMonth from = YearMonth.from(later(founded, LocalDate.of(2019, 6, 1)));
    YearMonth to = YearMonth.from(WINDOW_TO);
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      if (r.nextDouble() < 0.06) {
        continue; // a missing month
      }
      LocalDate month = m.atEndOfMonth();
      LocalDate available = month.plusDays(10 + r.nextInt(35));
      double sales = r.nextDouble() < 0.05 ? 0 : money(r, 5e7);
      out.add(id, month, available, sales, (double) Math.round(sales * 0.7),
          (double) Math.round(sales * 0.05),
          money(r, 1e7), money(r, 5e7));
      if (r.nextDouble() < 0.05) { // a revised month
        out.add(id, month, available.plusDays(5 + r.nextInt(60)), money(r, 5e7), 0.0, 0.0,
            money(r, 1e7), money(r, 5e7));
      }
    }
  }

  private static String inquirer(SplittableRandom r) {
    return InquirerIndustry.values()[r.nextInt(InquirerIndustry.values().length)].code();
  }

  private static double money(SplittableRandom r, double scale) {
    return Math.round(scale * r.nextDouble() * r.nextDouble()) + 1;
  }

  private static LocalDate between(SplittableRandom r, LocalDate from, LocalDate to) {
    long days = to.toEpochDay() - from.toEpochDay();
    return days <= 0 ? from : from.plusDays(r.nextLong(days + 1));
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  /** Rows appended to one table through DuckDB's appender; {@link #flush} ends the append. */
  public static final class Rows {
    private final String table;
    private final DuckDBAppender appender;
    private final List<Boolean> wholeYen = new java.util.ArrayList<>();

    public Rows(Connection connection, String table) {
      this.table = table;
      try (java.sql.Statement st = connection.createStatement();
          java.sql.ResultSet rs = st.executeQuery("DESCRIBE " + table)) {
        while (rs.next()) {
          wholeYen.add(rs.getString(2).equals("BIGINT"));
        }
        this.appender = connection.unwrap(DuckDBConnection.class).createAppender(table);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot append to " + table, e);
      }
    }

    public void add(Object... values) {
      try {
        appender.beginRow();
        for (int c = 0; c < values.length; c++) {
          Object v = values[c];
          if (v == null) {
            appender.appendNull();
          } else if (v instanceof LocalDate d) {
            appender.append(d);
          } else if (v instanceof String text) {
            appender.append(text);
          } else if (v instanceof Double d && wholeYen.get(c)) {
            // money columns are whole yen (BIGINT); the amounts here are already whole
            appender.append(Math.round(d));
          } else if (v instanceof Double d) {
            appender.append(d.doubleValue());
          } else if (v instanceof Long l) {
            appender.append(l.longValue());
          } else if (v instanceof Integer i) {
            appender.append(i.intValue());
          } else if (v instanceof Boolean b) {
            appender.append(b.booleanValue());
          } else {
            throw new IllegalArgumentException("cannot append " + v.getClass());
          }
        }
        appender.endRow();
      } catch (SQLException e) {
        throw new IllegalStateException("append to " + table + " failed", e);
      }
    }

    public void flush() throws SQLException {
      appender.close();
    }
  }
}
