package dev.yocho.scoring.explain;

import dev.yocho.features.bundle.TreeEnsemble;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.features.compute.Tier;
import dev.yocho.features.model.EventType;
import dev.yocho.features.model.InquirerIndustry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Explains grade moves (DESIGN section 6): baseline Shapley values of x_b against x_a on the model
 * that scored date a (f_old), a model/tier effect f_new(x_b) − f_old(x_b) when another model or
 * tier scored date b, and reason codes for the top {@value #ADVERSE_REASONS} adverse and top
 * {@value #FAVOURABLE_REASONS} favourable drivers with the events behind them.
 *
 * <p>Margins here come from the tree ensembles (in double precision over float inputs, the
 * precision the trees compare in), so that the contributions sum to {@code logitTo − logitFrom −
 * modelEffect} to rounding; ONNX Runtime, which graded the firms, returns the same margins rounded
 * to float.
 *
 * <p>Thread safety: immutable; {@link #explain} may be called from several threads.
 */
public final class MoveExplainer {
  /** Adverse drivers listed per move. */
  public static final int ADVERSE_REASONS = 4;
  /** Favourable drivers listed per move. */
  public static final int FAVOURABLE_REASONS = 2;

  private final FeatureCatalogue catalogue = FeatureCatalogue.current();
  private final ReasonCodes codes;
  /** Per feature: the event types its reasons cite (empty when none). */
  private final List<List<EventType>> eventTypes = new ArrayList<>();
  /** Per feature: the inquirer and window whose counts its reasons cite (null when none). */
  private final InquirerIndustry[] inquirer;
  private final int[] inquiryWindow;
  private final int[] inquiryCountFeature;
  /** Per event type: the position of {@code days_since_<type>}. */
  private final int[] daysSince = new int[EventType.values().length];
  /** Per feature: the look-back window of its event counts (0 when it has none). */
  private final int[] eventWindow;
  /** Per feature: whether it reads statements, trial balances. */
  private final boolean[] readsStatements;
  private final boolean[] readsTrialBalances;
  private final int statementAge;
  private final int hasTrialBalance;

  public MoveExplainer(ReasonCodes codes) {
    this.codes = Objects.requireNonNull(codes, "codes");
    int n = catalogue.size();
    inquirer = new InquirerIndustry[n];
    inquiryWindow = new int[n];
    inquiryCountFeature = new int[n];
    eventWindow = new int[n];
    readsStatements = new boolean[n];
    readsTrialBalances = new boolean[n];
    statementAge = catalogue.require("statement_age_days");
    hasTrialBalance = catalogue.require("has_trial_balance");
    for (EventType t : EventType.values()) {
      daysSince[t.ordinal()] = catalogue.require("days_since_" + t.code());
    }
    for (int j = 0; j < n; j++) {
      String name = catalogue.names().get(j);
      List<EventType> types = new ArrayList<>();
      for (EventType t : EventType.values()) {
        if (name.equals("events_" + t.code() + "_365d") || name.equals("days_since_" + t.code())
            || (name.startsWith("adverse_event") && t.adverse())
            || (name.startsWith("positive_events") && !t.adverse())) {
          types.add(t);
        }
      }
      eventTypes.add(List.copyOf(types));
      List<String> tables = catalogue.get(j).tables();
      readsStatements[j] = tables.contains("statements");
      readsTrialBalances[j] = tables.contains("monthly_trial_balances");
      if (!types.isEmpty() && !name.equals("adverse_event_score")) {
        // events_<t>_365d, days_since_<t>, positive_events_365d, adverse_events_<w>d
        eventWindow[j] = name.startsWith("adverse_events_")
            ? Integer.parseInt(name.substring("adverse_events_".length(), name.length() - 1))
            : 365;
      }
      for (InquirerIndustry who : InquirerIndustry.values()) {
        String prefix = "inquiries_" + who.code() + "_";
        if (name.startsWith(prefix)) {
          String rest = name.substring(prefix.length()); // "30d", "ratio_30d"
          int window = Integer.parseInt(rest.substring(rest.lastIndexOf('_') + 1,
              rest.length() - 1));
          inquirer[j] = who;
          inquiryWindow[j] = window;
          inquiryCountFeature[j] = catalogue.require(prefix + window + "d");
        }
      }
    }
  }

  /** A model as the explainer needs it: its identity and its trees. */
  public record Model(String version, Tier tier, TreeEnsemble ensemble, BaselineShapley shapley) {
    public Model {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(tier, "tier");
      Objects.requireNonNull(ensemble, "ensemble");
      Objects.requireNonNull(shapley, "shapley");
    }

    boolean sameAs(Model other) {
      return version.equals(other.version) && tier == other.tier;
    }
  }

  /** One side of a move: the date, the grade given then, its PD and the model that scored it. */
  public record Side(LocalDate date, String grade, double pd, Model model, double[] features) {
    public Side {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(grade, "grade");
      Objects.requireNonNull(model, "model");
      features = features.clone();
    }
  }

  /**
   * Explains the move of {@code firmId} from {@code a} to {@code b}.
   *
   * @param events the firm's events reported in {@code (a.date, b.date]} (others are ignored)
   */
  public MoveExplanation explain(long firmId, Side a, Side b, List<ReportedEvent> events) {
    return explain(firmId, a, b, MoveFacts.ofEvents(events));
  }

  /**
   * Explains the move of {@code firmId} from {@code a} to {@code b}, naming the facts behind each
   * reason.
   *
   * @param facts the firm's facts around the move ({@link MoveFacts}); others are ignored
   */
  public MoveExplanation explain(long firmId, Side a, Side b, MoveFacts facts) {
    int n = catalogue.size();
    if (a.features().length != n || b.features().length != n) {
      throw new IllegalArgumentException("feature vectors must have " + n + " values, got "
          + a.features().length + " and " + b.features().length);
    }
    double[] xaValues = a.features();
    double[] xbValues = b.features();
    float[] xa = TreeEnsemble.toFloat(xaValues);
    float[] xb = TreeEnsemble.toFloat(xbValues);
    Model oldModel = a.model();
    Model newModel = b.model();
    double logitFrom = oldModel.shapley().margin(xa);
    double oldAtB = oldModel.shapley().margin(xb);
    double logitTo = newModel.sameAs(oldModel) ? oldAtB : newModel.shapley().margin(xb);
    double modelEffect = newModel.sameAs(oldModel) ? 0.0 : logitTo - oldAtB;
    double[] phi = new double[n];
    oldModel.shapley().attribute(xa, xb, phi, oldModel.shapley().newWorkspace());
    List<Reason> reasons = reasons(firmId, a.date(), b.date(), xaValues, xbValues, phi,
        modelEffect, facts);
    return new MoveExplanation(firmId, a.date(), b.date(), a.grade(), b.grade(), a.pd(), b.pd(),
        oldModel.version(), newModel.version(), oldModel.tier(), newModel.tier(), logitFrom,
        logitTo, modelEffect, phi, reasons);
  }

  private List<Reason> reasons(long firmId, LocalDate from, LocalDate to, double[] xa,
      double[] xb, double[] phi, double modelEffect, MoveFacts events) {
    double gross = Math.abs(modelEffect);
    List<Integer> adverse = new ArrayList<>();
    List<Integer> favourable = new ArrayList<>();
    for (int j = 0; j < phi.length; j++) {
      gross += Math.abs(phi[j]);
      if (phi[j] > 0) {
        adverse.add(j);
      } else if (phi[j] < 0) {
        favourable.add(j);
      }
    }
    // largest |contribution| first; ties in catalogue order, so the order is deterministic
    Comparator<Integer> byMagnitude =
        Comparator.<Integer>comparingDouble(j -> -Math.abs(phi[j])).thenComparingInt(j -> j);
    adverse.sort(byMagnitude);
    favourable.sort(byMagnitude);
    List<Integer> chosen = new ArrayList<>(adverse.subList(0,
        Math.min(ADVERSE_REASONS, adverse.size())));
    chosen.addAll(favourable.subList(0, Math.min(FAVOURABLE_REASONS, favourable.size())));
    List<Reason> reasons = new ArrayList<>();
    for (int j : chosen) {
      double share = gross > 0 ? Math.min(1.0, Math.abs(phi[j]) / gross) : 0;
      reasons.add(new Reason(reasons.size() + 1, catalogue.names().get(j), codes.of(j),
          phi[j] > 0 ? Reason.Direction.ADVERSE : Reason.Direction.FAVOURABLE, xa[j], xb[j],
          phi[j], share, facts(j, firmId, from, to, xa, xb, events), missing(j, xa),
          missing(j, xb)));
    }
    return reasons;
  }

  /** Why feature {@code j} is missing in {@code x}, from the firm's other features; null if not. */
  private Reason.Missing missing(int j, double[] x) {
    if (!Double.isNaN(x[j])) {
      return null;
    }
    String name = catalogue.names().get(j);
    if (readsStatements[j]) {
      if (Double.isNaN(x[statementAge])) {
        return Reason.Missing.NO_STATEMENT;
      }
      if (name.equals("sales_growth") || name.equals("operating_margin_two_periods")
          || name.equals("equity_ratio_change")) {
        return Reason.Missing.NO_PRIOR_STATEMENT;
      }
      return name.equals("ebitda_net_debt_multiple") ? Reason.Missing.EBITDA_NOT_POSITIVE
          : Reason.Missing.NOT_COMPUTABLE;
    }
    if (readsTrialBalances[j]) {
      if (x[hasTrialBalance] == 0) {
        return Reason.Missing.NO_TRIAL_BALANCE;
      }
      return name.endsWith("_yoy") ? Reason.Missing.NO_YEAR_AGO_MONTH
          : Reason.Missing.NOT_COMPUTABLE;
    }
    if (name.startsWith("days_since_")) {
      return Reason.Missing.NONE_IN_YEAR;
    }
    if (name.equals("guarantee_application_min_interval_days")) {
      return Reason.Missing.FEWER_THAN_TWO_APPLICATIONS;
    }
    if (name.equals("industry_default_rate_1y")) {
      return Reason.Missing.NO_INDUSTRY_HISTORY;
    }
    return Reason.Missing.NOT_COMPUTABLE;
  }

  /** Facts named per reason, of each kind at most (the latest first for new ones). */
  public static final int FACTS_PER_KIND = 3;

  private List<ReasonEvent> facts(int feature, long firmId, LocalDate from, LocalDate to,
      double[] xa, double[] xb, MoveFacts known) {
    List<ReasonEvent> facts = new ArrayList<>();
    if (readsStatements[feature]) {
      List<MoveFacts.Statement> s = known.statements();
      for (int i = s.size() - 1; i >= Math.max(0, s.size() - FACTS_PER_KIND); i--) {
        facts.add(ReasonEvent.statement(s.get(i).periodEnd(), s.get(i).availableAt()));
      }
    }
    if (readsTrialBalances[feature]) {
      List<MoveFacts.TrialBalance> t = known.trialBalances();
      for (int i = t.size() - 1; i >= Math.max(0, t.size() - FACTS_PER_KIND); i--) {
        facts.add(ReasonEvent.trialBalance(t.get(i).month(), t.get(i).availableAt()));
      }
    }
    List<EventType> types = eventTypes.get(feature);
    if (!types.isEmpty()) {
      boolean[] seen = new boolean[EventType.values().length];
      int window = eventWindow[feature];
      List<ReasonEvent> left = new ArrayList<>();
      for (ReportedEvent e : known.events()) {
        if (e.firmId() != firmId || e.reportedOn().isAfter(to) || !types.contains(e.type())) {
          continue;
        }
        if (e.reportedOn().isAfter(from)) {
          int t = e.type().ordinal();
          // "first": no event of this type was visible at the earlier date, and none came before
          boolean first = !seen[t] && Double.isNaN(xa[daysSince[t]]);
          seen[t] = true;
          facts.add(ReasonEvent.event(e.type(), e.occurredOn(), e.reportedOn(), first));
        } else if (window > 0 && e.reportedOn().isAfter(from.minusDays(window))
            && !e.reportedOn().isAfter(to.minusDays(window)) && left.size() < FACTS_PER_KIND) {
          // in the window (D - w, D] at the earlier date, out of it at the later
          left.add(ReasonEvent.eventLeft(e.type(), e.occurredOn(), e.reportedOn(), window));
        }
      }
      facts.addAll(left);
    }
    if (inquirer[feature] != null) {
      InquirerIndustry who = inquirer[feature];
      int window = inquiryWindow[feature];
      int c = inquiryCountFeature[feature];
      facts.add(ReasonEvent.inquiries(who, window, xa[c], xb[c]));
      List<ReasonEvent> arrived = new ArrayList<>();
      List<ReasonEvent> left = new ArrayList<>();
      for (MoveFacts.Inquiry q : known.inquiries()) {
        if (q.who() != who || q.day().isAfter(to)) {
          continue;
        }
        if (q.day().isAfter(from) && q.day().isAfter(to.minusDays(window))) {
          arrived.add(ReasonEvent.inquiryNew(who, q.day(), window, q.count()));
        } else if (q.day().isAfter(from.minusDays(window)) && !q.day().isAfter(from)
            && !q.day().isAfter(to.minusDays(window))) {
          left.add(ReasonEvent.inquiryLeft(who, q.day(), window, q.count()));
        }
      }
      // the latest arrivals, the most recent departures
      for (int i = arrived.size() - 1; i >= Math.max(0, arrived.size() - FACTS_PER_KIND); i--) {
        facts.add(arrived.get(i));
      }
      for (int i = left.size() - 1; i >= Math.max(0, left.size() - FACTS_PER_KIND); i--) {
        facts.add(left.get(i));
      }
    }
    return facts;
  }
}
