package dev.yocho.scoring.refresh;

import dev.yocho.features.bundle.MasterScale;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * The published grade's stability policy: the PD is computed and stored every refresh, and its
 * grade on the master scale (the raw grade) is stored beside it, but the grade that is published,
 * compared for transitions and explained moves only when the evidence moves. With the rules of the
 * master scale's {@link MasterScale.Stability} (version {@code gp-2026.1}: hysteresis 1.5, 90
 * days):
 *
 * <ol>
 *   <li><b>Hysteresis.</b> The published grade G stays while the PD is inside G's band widened by
 *       the factor: at or above G's lower bound divided by it and below its upper bound times it.
 *   <li><b>A new fact, or a sustained shift.</b> A PD outside the widened band moves the grade
 *       (to the PD's own grade) only when
 *       <ul>
 *         <li>a new fact about the firm became known since the previous refresh (a statement or a
 *             trial balance by its {@code available_at}, an event by its {@code reported_on}, an
 *             inquiry or a guarantee application on its day; all known by the as-of date) that can
 *             move the risk the way of the move (statements and trial balances either way; adverse
 *             events, inquiries and guarantee applications only up; positive events only down),
 *             and the PD moved since the previous refresh in the direction of the move, or
 *         <li>the PD has been outside the band on the same side at every refresh for at least the
 *             sustained number of days.
 *       </ul>
 *       A fact leaving a look-back window, an event's score decaying or a statement ageing is not
 *       a new fact: alone, such a change moves a grade only after the sustained period, so the
 *       30- and 90-day windows cannot make a grade go back and forth.
 *   <li>A firm's first refresh publishes its raw grade.
 * </ol>
 *
 * <p>The state the policy needs is in each grades row: the published grade, the raw grade, {@code
 * grade_since} (the refresh that set the published grade) and {@code outside_since} (the first
 * refresh of the current unbroken run outside the band, null inside). A move's explanation covers
 * the whole change since {@code grade_since}. Pure and deterministic: the same previous row, PD and
 * facts give the same decision, so re-refreshing a date gives the same rows.
 */
public final class GradePolicy {
  /** Why a published grade was set on a refresh. */
  public enum Basis {
    /** The firm's first refresh. */
    FIRST,
    /** A new fact since the previous refresh moved the PD out of the band. */
    NEW_FACT,
    /** The PD stayed outside the band for the sustained period. */
    SUSTAINED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A firm's row of the previous refresh, as the policy needs it.
   *
   * @param asOf the previous refresh date
   * @param grade the published grade number then
   * @param pd the PD then
   * @param gradeSince the refresh that set that grade
   * @param outsideSince the first refresh of the unbroken run outside the band, or null
   */
  public record Previous(LocalDate asOf, int grade, double pd, LocalDate gradeSince,
      LocalDate outsideSince) {
    public Previous {
      Objects.requireNonNull(asOf, "asOf");
      Objects.requireNonNull(gradeSince, "gradeSince");
      if (gradeSince.isAfter(asOf) || (outsideSince != null && outsideSince.isAfter(asOf))) {
        throw new IllegalArgumentException("policy state after its refresh " + asOf + ": since "
            + gradeSince + ", outside since " + outsideSince);
      }
    }
  }

  /**
   * The published grade of a refresh.
   *
   * @param grade the published grade number
   * @param rawGrade the PD's own grade number
   * @param gradeSince the refresh that set the published grade (the as-of date when it moved)
   * @param outsideSince the first refresh of the unbroken run outside the band, or null
   * @param basis why the grade was set on this refresh, or null when it was kept
   */
  public record Decision(int grade, int rawGrade, LocalDate gradeSince, LocalDate outsideSince,
      Basis basis) {
    public boolean moved() {
      return basis == Basis.NEW_FACT || basis == Basis.SUSTAINED;
    }
  }

  /**
   * What a firm's new facts since its previous refresh can do to its risk.
   *
   * @param canRaise a fact that can raise the risk arrived (statement, trial balance, adverse
   *     event, inquiry, guarantee application)
   * @param canLower a fact that can lower the risk arrived (statement, trial balance, positive
   *     event)
   */
  public record Facts(boolean canRaise, boolean canLower) {
    /** No new fact. */
    public static final Facts NONE = new Facts(false, false);
  }

  private final MasterScale scale;

  public GradePolicy(MasterScale scale) {
    this.scale = Objects.requireNonNull(scale, "scale");
  }

  public MasterScale scale() {
    return scale;
  }

  /**
   * The published grade on {@code asOf} for a firm whose PD is {@code pd}.
   *
   * @param previous the firm's previous refresh, or null on its first
   * @param facts what the firm's new facts known in {@code (previous.asOf, asOf]} can do
   */
  public Decision decide(LocalDate asOf, double pd, Previous previous, Facts facts) {
    int raw = scale.gradeNumber(pd);
    if (previous == null) {
      return new Decision(raw, raw, asOf, null, Basis.FIRST);
    }
    if (!previous.asOf().isBefore(asOf)) {
      throw new IllegalArgumentException("previous refresh " + previous.asOf()
          + " is not before " + asOf);
    }
    int side = scale.outsideBand(previous.grade(), pd);
    if (side == 0) {
      return new Decision(previous.grade(), raw, previous.gradeSince(), null, null);
    }
    boolean sameRun = previous.outsideSince() != null
        && scale.outsideBand(previous.grade(), previous.pd()) == side;
    LocalDate outsideSince = sameRun ? previous.outsideSince() : asOf;
    boolean towards = side > 0 ? pd > previous.pd() : pd < previous.pd();
    boolean newFact = side > 0 ? facts.canRaise() : facts.canLower();
    if (newFact && towards) {
      return new Decision(raw, raw, asOf, null, Basis.NEW_FACT);
    }
    if (!asOf.isBefore(outsideSince.plusDays(scale.stability().sustainedDays()))) {
      return new Decision(raw, raw, asOf, null, Basis.SUSTAINED);
    }
    return new Decision(previous.grade(), raw, previous.gradeSince(), outsideSince, null);
  }
}
