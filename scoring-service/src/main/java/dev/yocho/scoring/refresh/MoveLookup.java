package dev.yocho.scoring.refresh;

import dev.yocho.features.bundle.MasterScale;
import dev.yocho.features.compute.DataWindow;
import dev.yocho.features.compute.FeatureVector;
import dev.yocho.features.compute.SingleFirmFeatures;
import dev.yocho.scoring.bundle.ModelBundle;
import dev.yocho.scoring.bundle.ModelStore;
import dev.yocho.scoring.bundle.TierModel;
import dev.yocho.scoring.explain.MoveExplainer;
import dev.yocho.scoring.explain.MoveExplanation;
import dev.yocho.scoring.explain.ReasonCodes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * "Why did this firm's grade move between dates a and b": the explanation the refresh of b stored
 * when b's transition was from a, else computed on demand. On-demand explanations recompute both
 * feature vectors (single-firm path) and use, for each date, the model that graded it, or the
 * current bundle and the firm's tier then when that date was never refreshed.
 */
public final class MoveLookup {
  /** An explanation and whether it was read or computed. */
  public record Result(MoveExplanation explanation, boolean stored) {
    public Result {
      Objects.requireNonNull(explanation, "explanation");
    }
  }

  private final ModelStore models;
  private final ReasonCodes codes = ReasonCodes.standard();
  private final MoveExplainer explainer = new MoveExplainer(codes);
  private final SingleFirmFeatures single = new SingleFirmFeatures();

  public MoveLookup(ModelStore models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  /**
   * Explains the move of {@code firmId} from {@code from} to {@code to}.
   *
   * @throws IllegalArgumentException for an unknown firm, {@code from} not before {@code to}, or a
   *     date on which the firm has no grade and none can be computed (outside the data, firm not
   *     live), naming the problem
   */
  public Result explain(Connection connection, long firmId, LocalDate from, LocalDate to)
      throws SQLException {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
    }
    if (!GradeStore.firmExists(connection, firmId)) {
      throw new IllegalArgumentException("unknown firm " + firmId);
    }
    boolean refreshed = GradeStore.hasSchema(connection);
    if (refreshed) {
      Optional<MoveExplanation> stored = GradeStore.storedMove(connection, firmId, from, to,
          codes);
      if (stored.isPresent()) {
        return new Result(stored.get(), true);
      }
    }
    Optional<GradeRow> gradeFrom = refreshed
        ? GradeStore.gradeOn(connection, firmId, from) : Optional.empty();
    Optional<GradeRow> gradeTo = refreshed
        ? GradeStore.gradeOn(connection, firmId, to) : Optional.empty();
    MoveExplainer.Side a = side(connection, firmId, from, gradeFrom);
    MoveExplainer.Side b = side(connection, firmId, to, gradeTo);
    return new Result(explainComputed(connection, firmId, a, b), false);
  }

  /**
   * The one on-demand explanation of a move between two sides: the command line and the service
   * both end here, with the facts of {@link GradeStore#factsOfMove} (which the refresh reads too),
   * so that they give the same explanation.
   */
  public MoveExplanation explainComputed(Connection connection, long firmId, MoveExplainer.Side a,
      MoveExplainer.Side b) throws SQLException {
    return explainer.explain(firmId, a, b,
        GradeStore.factsOfMove(connection, firmId, a.date(), b.date()));
  }

  /**
   * A side for a date a refresh graded: its stored grade and PD, and the model that graded it.
   */
  public static MoveExplainer.Side gradedSide(ModelStore models, LocalDate date, GradeRow g,
      FeatureVector x) {
    TierModel model = models.load(g.modelVersion()).model(g.tier());
    return new MoveExplainer.Side(date, g.grade(), g.pd(), model.explainerModel(), x.values());
  }

  private MoveExplainer.Side side(Connection connection, long firmId, LocalDate date,
      Optional<GradeRow> graded) throws SQLException {
    FeatureVector x;
    try {
      x = single.compute(connection, firmId, date);
    } catch (IllegalArgumentException e) {
      DataWindow window = DataWindow.read(connection);
      String why = window.contains(date) ? e.getMessage()
          : "outside the data range " + window.from() + " to " + window.to();
      throw new IllegalArgumentException("firm " + firmId + " has no grade on " + date
          + " and none can be computed: " + why, e);
    }
    if (graded.isPresent()) {
      return gradedSide(models, date, graded.get(), x);
    }
    return ungradedSide(models, date, x);
  }

  /**
   * A side for a date no refresh graded: the current bundle's model of the firm's tier then, and
   * the PD and grade it gives.
   */
  public static MoveExplainer.Side ungradedSide(ModelStore models, LocalDate date,
      FeatureVector x) {
    ModelBundle bundle = models.current();
    TierModel model = bundle.model(x.tier());
    MasterScale scale = bundle.masterScale();
    double margin = model.ensemble().margin(x.values());
    double pd = scale.floored(model.calibration().pd(margin));
    return new MoveExplainer.Side(date, scale.grade(pd), pd, model.explainerModel(), x.values());
  }
}
