package dev.yocho.scoring.cli;

import dev.yocho.cli.IsoDateConverter;
import dev.yocho.cli.Databases;
import dev.yocho.cli.JsonOut;
import dev.yocho.features.catalogue.FeatureCatalogue;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.explain.Language;
import dev.yocho.scoring.explain.MoveExplanation;
import dev.yocho.scoring.explain.Reason;
import dev.yocho.scoring.explain.ReasonEvent;
import dev.yocho.scoring.onnx.ScorerOptions;
import dev.yocho.scoring.refresh.MoveLookup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code yocho explain}: why a firm's grade moved between two dates. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
        "Why a firm's grade moved between two dates, in log-odds: the model/tier effect, every"
            + " feature's exact contribution (baseline Shapley), and the top adverse and favourable"
            + " reasons with the events behind them. Reads the explanation the refresh stored, or"
            + " computes it."})
public final class ExplainCommand implements Callable<Integer> {
  @Option(names = "--db", paramLabel = "PATH", description = "DuckDB file (default: ${DEFAULT-VALUE})")
  Path db = Path.of("data/yocho.duckdb");

  @Option(names = "--models", paramLabel = "DIR",
      description = "models root, for explanations computed on demand (default: ${DEFAULT-VALUE})")
  Path models = Path.of("models");

  @Option(names = "--firm", paramLabel = "ID", required = true, description = "firm id")
  long firm;

  @Option(names = "--from", paramLabel = "DATE", required = true, description = "earlier date")
  String from;

  @Option(names = "--to", paramLabel = "DATE", required = true, description = "later date")
  String to;

  @Option(names = "--lang", paramLabel = "ja|en", description = "language (default: ${DEFAULT-VALUE})")
  String lang = "ja";

  @Option(names = "--json", description = "print one JSON object as the last line")
  boolean json;

  PrintStream stdout = System.out;

  @Override
  public Integer call() throws SQLException {
    long started = System.nanoTime();
    Language language = Language.fromCode(lang);
    LocalDate fromDate = IsoDateConverter.parse("--from", from);
    LocalDate toDate = IsoDateConverter.parse("--to", to);
    if (!fromDate.isBefore(toDate)) {
      throw new IllegalArgumentException("--from " + fromDate + " must be before --to " + toDate);
    }
    try (ModelStore store = new ModelStore(models, ScorerOptions.defaults());
        Connection connection = Databases.open(db, true)) {
      MoveLookup.Result result =
          new MoveLookup(store).explain(connection, firm, fromDate, toDate);
      Map<String, Object> out = toMap(result, language);
      out.put("seconds", (System.nanoTime() - started) / 1e9);
      if (json) {
        JsonOut.print(stdout, out);
      } else {
        print(result.explanation(), language);
      }
    }
    return 0;
  }

  /** The JSON form (DESIGN section 10 keys first). */
  public static Map<String, Object> toMap(MoveLookup.Result result, Language language) {
    MoveExplanation e = result.explanation();
    FeatureCatalogue catalogue = FeatureCatalogue.current();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("firm_id", e.firmId());
    out.put("from", e.from().toString());
    out.put("to", e.to().toString());
    out.put("grade_from", e.gradeFrom());
    out.put("grade_to", e.gradeTo());
    out.put("pd_from", e.pdFrom());
    out.put("pd_to", e.pdTo());
    out.put("model_from", e.modelFrom());
    out.put("model_to", e.modelTo());
    out.put("tier_from", e.tierFrom().code());
    out.put("tier_to", e.tierTo().code());
    out.put("logit_from", e.logitFrom());
    out.put("logit_to", e.logitTo());
    out.put("delta_logit", e.deltaLogit());
    out.put("model_effect", e.modelEffect());
    out.put("data_effect", e.dataEffect());
    out.put("source", result.stored() ? "stored" : "computed");
    out.put("lang", language.code());
    Map<String, Object> contributions = new LinkedHashMap<>();
    for (int j = 0; j < catalogue.size(); j++) {
      contributions.put(catalogue.names().get(j), e.contribution(j));
    }
    out.put("contributions", contributions);
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Reason r : e.reasons()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rank", r.rank());
      m.put("code", r.code().code());
      m.put("direction", r.direction().code());
      m.put("feature", r.feature());
      m.put("label", r.label(language));
      m.put("statement", r.statement(language));
      m.put("values", r.values(language));
      m.put("cause", r.cause().code());
      m.put("value_from", finiteOrNull(r.valueFrom()));
      m.put("value_to", finiteOrNull(r.valueTo()));
      m.put("contribution", r.contribution());
      m.put("share", r.share());
      List<Map<String, Object>> events = new ArrayList<>();
      for (ReasonEvent ev : r.events()) {
        Map<String, Object> em = new LinkedHashMap<>();
        em.put("kind", ev.kind().code());
        em.put("code", ev.code());
        if (ev.kind() == ReasonEvent.Kind.EVENT) {
          em.put("occurred_on", ev.occurredOn().toString());
          em.put("reported_on", ev.reportedOn().toString());
          em.put("first", ev.first());
        } else if (ev.kind() == ReasonEvent.Kind.INQUIRIES) {
          em.put("window_days", ev.windowDays());
          em.put("count_from", finiteOrNull(ev.countFrom()));
          em.put("count_to", finiteOrNull(ev.countTo()));
        } else {
          // statements, trial balances, inquiry days and events entering or leaving a window
          em.put("date", ev.occurredOn() == null ? null : ev.occurredOn().toString());
          em.put("reported_on", ev.reportedOn() == null ? null : ev.reportedOn().toString());
          if (ev.windowDays() > 0) {
            em.put("window_days", ev.windowDays());
          }
          double count = Double.isNaN(ev.countTo()) ? ev.countFrom() : ev.countTo();
          if (!Double.isNaN(count)) {
            em.put("count", (long) count);
          }
        }
        em.put("text", ev.text(language, e.to()));
        events.add(em);
      }
      m.put("events", events);
      reasons.add(m);
    }
    out.put("reasons", reasons);
    return out;
  }

  private void print(MoveExplanation e, Language language) {
    print(stdout, e, language);
  }

  /** The human-readable explanation of a move. */
  static void print(PrintStream stdout, MoveExplanation e, Language language) {
    boolean ja = language == Language.JA;
    stdout.printf(Locale.ROOT, ja ? "企業 %d: %s %s (PD %.3f%%) → %s %s (PD %.3f%%)%n"
            : "firm %d: %s %s (PD %.3f%%) → %s %s (PD %.3f%%)%n", e.firmId(), e.from(),
        e.gradeFrom(), 100 * e.pdFrom(), e.to(), e.gradeTo(), 100 * e.pdTo());
    stdout.printf(Locale.ROOT, ja
            ? "対数オッズ %.4f → %.4f (変化 %+.4f = モデル変更 %+.4f + データ %+.4f)%n"
            : "log-odds %.4f → %.4f (change %+.4f = model %+.4f + data %+.4f)%n",
        e.logitFrom(), e.logitTo(), e.deltaLogit(), e.modelEffect(), e.dataEffect());
    for (Reason r : e.reasons()) {
      stdout.printf(Locale.ROOT, "%d. [%s] %s: %s (%+.4f, %.0f%%)%n", r.rank(),
          r.code().code(), r.statement(language), r.values(language), r.contribution(),
          100 * r.share());
      for (ReasonEvent ev : r.events()) {
        stdout.println("     - " + ev.text(language, e.to()));
      }
    }
    stdout.flush();
  }

  private static Object finiteOrNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
