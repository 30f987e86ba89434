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
 * @param events the facts behind the change (events reported between the dates, inquiry counts)
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
    List<ReasonEvent> events) {

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
