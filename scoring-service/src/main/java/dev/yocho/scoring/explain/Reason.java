package dev.yocho.scoring.explain;

import dev.yocho.features.catalogue.FeatureCatalogue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One driver of a grade move, as shown to credit staff.
 *
 * @param rank 1 for the largest adverse driver; favourable drivers follow the adverse ones
 * @param feature the feature name (catalogue key)
 * @param code the reason code of the feature's family
 * @param direction {@link Direction#ADVERSE} when the feature raised the log-odds of default
 * @param valueFrom the feature's value at the earlier date (NaN when missing)
 * @param valueTo the feature's value at the later date (NaN when missing)
 * @param contribution the feature's baseline Shapley value, in log-odds
 * @param share |contribution| over the gross movement (Σ|contributions| + |model effect|), in
 *     [0, 1]
 * @param events the facts behind the change: what became known between the dates (events,
 *     statements, trial balances, inquiries), what left a look-back window, inquiry counts
 * @param missingFrom why {@code valueFrom} is missing, null when it is not
 * @param missingTo why {@code valueTo} is missing, null when it is not
 */
public record Reason(
    int rank,
    String feature,
    ReasonCode code,
    Direction direction,
    double valueFrom,
    double valueTo,
    double contribution,
    double share,
    List<ReasonEvent> events,
    Missing missingFrom,
    Missing missingTo) {

  /** Why a feature's value is missing, as the firm's other facts tell. */
  public enum Missing {
    NO_STATEMENT("決算書がない", "no statement"),
    NO_PRIOR_STATEMENT("比較できる前期の決算書がない", "no prior-year statement to compare with"),
    EBITDA_NOT_POSITIVE("EBITDA がマイナスで純有利子負債なし",
        "EBITDA not positive and no net debt"),
    NOT_COMPUTABLE("分母がゼロ以下で計算できない", "not computable: denominator not positive"),
    NO_TRIAL_BALANCE("月次試算表がない", "no trial balance"),
    NO_YEAR_AGO_MONTH("前年同月の試算表がない", "no trial balance for the same months a year earlier"),
    NONE_IN_YEAR("365日以内になし", "none within 365 days"),
    FEWER_THAN_TWO_APPLICATIONS("365日以内の申込が2件未満", "fewer than two applications in 365 days"),
    NO_INDUSTRY_HISTORY("業種の1年前の企業がない", "no firm of the industry a year earlier");

    private final String ja;
    private final String en;

    Missing(String ja, String en) {
      this.ja = ja;
      this.en = en;
    }

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String text(Language language) {
      return language == Language.JA ? ja : en;
    }

    public static Missing fromCode(String code) {
      for (Missing m : values()) {
        if (m.code().equals(code)) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown missing-value reason '" + code + "'");
    }
  }

  /** Whether a reason rests on a new fact or only on time passing. */
  public enum Cause {
    /** A fact that became known between the dates is behind it. */
    NEW_FACT,
    /** No new fact: a fact left a look-back window, a score decayed, a statement aged. */
    WINDOW_EDGE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether a driver raised or lowered the risk. */
  public enum Direction {
    ADVERSE,
    FAVOURABLE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Direction fromCode(String code) {
      for (Direction d : values()) {
        if (d.code().equals(code)) {
          return d;
        }
      }
      throw new IllegalArgumentException("unknown reason direction '" + code + "'");
    }
  }

  public Reason {
    if (rank < 1) {
      throw new IllegalArgumentException("reason rank must be positive, was " + rank);
    }
    FeatureCatalogue.current().require(feature);
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(direction, "direction");
    if (!Double.isFinite(contribution) || contribution == 0
        || (contribution > 0) != (direction == Direction.ADVERSE)) {
      throw new IllegalArgumentException("reason " + feature + ": contribution " + contribution
          + " does not fit direction " + direction.code());
    }
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException("reason " + feature + ": share " + share
          + " is outside [0, 1]");
    }
    events = List.copyOf(events);
    if (Double.isNaN(valueFrom) != (missingFrom != null)
        || Double.isNaN(valueTo) != (missingTo != null)) {
      throw new IllegalArgumentException("reason " + feature + ": a missing value needs its"
          + " reason and a present one none (" + valueFrom + " " + missingFrom + ", " + valueTo
          + " " + missingTo + ")");
    }
  }

  /** {@link Cause#NEW_FACT} when one of its facts became known between the dates. */
  public Cause cause() {
    for (ReasonEvent e : events) {
      if (e.kind().newFact()) {
        return Cause.NEW_FACT;
      }
    }
    return Cause.WINDOW_EDGE;
  }

  /**
   * The values as people write them, e.g. "売上高金利負担率 0.15% → 0.26%" or "EBITDA net debt
   * multiple 2.3× → 50× or more (or EBITDA not positive)".
   */
  public String values(Language language) {
    return ReasonText.values(this, language);
  }

  /** The feature's label in {@code language}. */
  public String label(Language language) {
    var d = FeatureCatalogue.current().get(FeatureCatalogue.current().require(feature));
    return language == Language.JA ? d.labelJa() : d.labelEn();
  }

  /** The reason sentence of the code, e.g. "credit inquiries from banks raised the risk". */
  public String statement(Language language) {
    return code.statement(language, direction);
  }
}
