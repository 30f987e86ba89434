package dev.yocho.scoring.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.yocho.features.bundle.MasterScale;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The grade policy's rules on hand-made PD paths. Bands of the standard scale: G5 is [0.4%, 0.8%),
 * G6 [0.8%, 1.6%); with hysteresis 1.5 a G5 firm moves down only from a PD of 1.2% and up only
 * below 0.2667%.
 */
class GradePolicyTest {
  static final MasterScale SCALE = MasterScale.standard();
  static final GradePolicy POLICY = new GradePolicy(SCALE);
  static final LocalDate D0 = LocalDate.of(2025, 12, 1);
  static final GradePolicy.Facts RAISING = new GradePolicy.Facts(true, false);
  static final GradePolicy.Facts LOWERING = new GradePolicy.Facts(false, true);
  static final GradePolicy.Facts NONE = GradePolicy.Facts.NONE;

  @Test
  void theStandardRulesAreVersionedInTheMasterScale() {
    assertThat(SCALE.stability()).isEqualTo(new MasterScale.Stability("gp-2026.1", 1.5, 90));
    assertThat(SCALE.outsideBand(5, 0.0119)).isZero();
    assertThat(SCALE.outsideBand(5, 0.0120)).isEqualTo(1);
    assertThat(SCALE.outsideBand(5, 0.00267)).isZero();
    assertThat(SCALE.outsideBand(5, 0.00266)).isEqualTo(-1);
    // G1 has no lower edge and G10 no upper one
    assertThat(SCALE.outsideBand(1, 0.0)).isZero();
    assertThat(SCALE.outsideBand(10, 1.0)).isZero();
    assertThatThrownBy(() -> new MasterScale.Stability("x", 0.9, 90))
        .hasMessageContaining("hysteresis must be in [1, 4], was 0.9");
  }

  @Test
  void aFirstRefreshPublishesThePdsGrade() {
    GradePolicy.Decision d = POLICY.decide(D0, 0.005, null, NONE);
    assertThat(d).isEqualTo(new GradePolicy.Decision(5, 5, D0, null, GradePolicy.Basis.FIRST));
    assertThat(d.moved()).isFalse();
  }

  @Test
  void insideTheWidenedBandTheGradeStaysEvenWithANewFact() {
    GradePolicy.Previous g5 = new GradePolicy.Previous(D0, 5, 0.005, D0.minusDays(40), null);
    // 1.0% is G6 on the bands, but not 1.5 times past G5's upper bound
    GradePolicy.Decision d = POLICY.decide(D0.plusDays(1), 0.010, g5, RAISING);
    assertThat(d).isEqualTo(new GradePolicy.Decision(5, 6, D0.minusDays(40), null, null));
  }

  @Test
  void aNewFactThatCanRaiseTheRiskMovesAPdPastTheBandAtOnce() {
    GradePolicy.Previous g5 = new GradePolicy.Previous(D0, 5, 0.005, D0.minusDays(40), null);
    GradePolicy.Decision d = POLICY.decide(D0.plusDays(1), 0.013, g5, RAISING);
    assertThat(d).isEqualTo(new GradePolicy.Decision(6, 6, D0.plusDays(1), null,
        GradePolicy.Basis.NEW_FACT));
    assertThat(d.moved()).isTrue();
    // the PD's own grade, not one notch: 3.3% is G8
    assertThat(POLICY.decide(D0.plusDays(1), 0.033, g5, new GradePolicy.Facts(true, true))
        .grade()).isEqualTo(8);
  }

  @Test
  void aFactThatCannotMoveTheRiskThatWayDoesNotMoveTheGrade() {
    GradePolicy.Previous g5 = new GradePolicy.Previous(D0, 5, 0.005, D0.minusDays(40), null);
    // a positive event only can lower the risk: a PD past the upper edge waits
    GradePolicy.Decision up = POLICY.decide(D0.plusDays(1), 0.013, g5, LOWERING);
    assertThat(up.grade()).isEqualTo(5);
    assertThat(up.outsideSince()).isEqualTo(D0.plusDays(1));
    // an inquiry only can raise it: a PD below the lower edge waits
    GradePolicy.Decision down = POLICY.decide(D0.plusDays(1), 0.0019, g5, RAISING);
    assertThat(down.grade()).isEqualTo(5);
    assertThat(down.basis()).isNull();
    // a new fact while the PD fell back toward the band (it was further out before) waits too
    GradePolicy.Previous outside = new GradePolicy.Previous(D0, 5, 0.020, D0.minusDays(40),
        D0.minusDays(5));
    GradePolicy.Decision falling = POLICY.decide(D0.plusDays(1), 0.015, outside, RAISING);
    assertThat(falling).isEqualTo(new GradePolicy.Decision(5, 6, D0.minusDays(40),
        D0.minusDays(5), null));
  }

  @Test
  void withoutANewFactThePdMustStayOutsideForTheSustainedPeriod() {
    GradePolicy.Previous state = new GradePolicy.Previous(D0, 5, 0.005, D0.minusDays(200), null);
    LocalDate first = D0.plusDays(1);
    LocalDate day = first;
    GradePolicy.Decision d = POLICY.decide(day, 0.0019, state, NONE);
    assertThat(d.outsideSince()).isEqualTo(first);
    // daily refreshes with the PD outside below and only window edges: 89 days later it waits,
    // on the 90th it moves
    for (int i = 1; i < 90; i++) {
      state = new GradePolicy.Previous(day, d.grade(), 0.0019, d.gradeSince(), d.outsideSince());
      day = day.plusDays(1);
      d = POLICY.decide(day, 0.0019, state, NONE);
      assertThat(d.grade()).as("day %d", i).isEqualTo(5);
      assertThat(d.outsideSince()).isEqualTo(first);
    }
    state = new GradePolicy.Previous(day, d.grade(), 0.0019, d.gradeSince(), d.outsideSince());
    day = day.plusDays(1);
    d = POLICY.decide(day, 0.0019, state, NONE);
    assertThat(day).isEqualTo(first.plusDays(90));
    assertThat(d).isEqualTo(new GradePolicy.Decision(3, 3, day, null,
        GradePolicy.Basis.SUSTAINED));
  }

  @Test
  void aRunOutsideTheBandStartsAgainWhenThePdComesBackOrCrossesToTheOtherSide() {
    GradePolicy.Previous out = new GradePolicy.Previous(D0, 5, 0.002, D0.minusDays(200),
        D0.minusDays(80));
    GradePolicy.Decision back = POLICY.decide(D0.plusDays(1), 0.005, out, NONE);
    assertThat(back.outsideSince()).isNull();
    assertThat(back.grade()).isEqualTo(5);
    // outside below before, outside above now: a new run
    GradePolicy.Decision other = POLICY.decide(D0.plusDays(1), 0.013, out, NONE);
    assertThat(other.outsideSince()).isEqualTo(D0.plusDays(1));
    assertThat(other.grade()).isEqualTo(5);
    // a month-end cadence: outside at two month-ends 30 days apart is not 90 days
    GradePolicy.Previous monthly = new GradePolicy.Previous(D0, 5, 0.013, D0.minusDays(300),
        D0);
    assertThat(POLICY.decide(D0.plusDays(30), 0.013, monthly, NONE).grade()).isEqualTo(5);
    assertThat(POLICY.decide(D0.plusDays(90), 0.013, monthly, NONE).basis())
        .isEqualTo(GradePolicy.Basis.SUSTAINED);
  }

  @Test
  void thePreviousRefreshMustComeBefore() {
    GradePolicy.Previous g5 = new GradePolicy.Previous(D0, 5, 0.005, D0, null);
    assertThatThrownBy(() -> POLICY.decide(D0, 0.005, g5, NONE))
        .hasMessageContaining("previous refresh 2025-12-01 is not before 2025-12-01");
    assertThatThrownBy(() -> new GradePolicy.Previous(D0, 5, 0.005, D0.plusDays(1), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
