package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DashboardPeriodTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-11-28");

  @Test
  void theLastThirtyDaysUpToTodayByDefaultOrTheDaysAsked() {
    assertThat(DashboardPeriod.of(null, null, null, TODAY))
        .isEqualTo(new DashboardPeriod(LocalDate.parse("2026-10-30"), TODAY));
    assertThat(DashboardPeriod.of(7, null, null, TODAY).days()).isEqualTo(7);
    assertThat(DashboardPeriod.of(90, null, null, TODAY).from()).isEqualTo(TODAY.minusDays(89));
    assertThat(DashboardPeriod.of(0, null, null, TODAY).days()).isEqualTo(30);
  }

  @Test
  void fromAndToWinOverDaysAndAMissingEndIsToday() {
    assertThat(DashboardPeriod.of(7, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31"), TODAY))
        .isEqualTo(new DashboardPeriod(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-31")));
    assertThat(DashboardPeriod.of(null, LocalDate.parse("2026-11-20"), null, TODAY))
        .isEqualTo(new DashboardPeriod(LocalDate.parse("2026-11-20"), TODAY));
    assertThat(DashboardPeriod.of(7, null, LocalDate.parse("2026-11-10"), TODAY))
        .isEqualTo(new DashboardPeriod(LocalDate.parse("2026-11-04"), LocalDate.parse("2026-11-10")));
  }

  @Test
  void reversedEndsAreSwappedAndAPeriodIsAtMostAYearAndADay() {
    assertThat(DashboardPeriod.of(null, LocalDate.parse("2026-11-10"), LocalDate.parse("2026-11-01"), TODAY))
        .isEqualTo(new DashboardPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-10")));
    assertThat(DashboardPeriod.of(null, LocalDate.parse("2020-01-01"), TODAY, TODAY).days())
        .isEqualTo(DashboardPeriod.MAX_DAYS);
    assertThat(DashboardPeriod.of(5000, null, null, TODAY).days()).isEqualTo(DashboardPeriod.MAX_DAYS);
    assertThat(DashboardPeriod.of(null, TODAY.minusDays(365), TODAY, TODAY).from()).isEqualTo(TODAY.minusDays(365));
    assertThat(DashboardPeriod.of(null, TODAY.minusDays(366), TODAY, TODAY).from()).isEqualTo(TODAY.minusDays(365));
    assertThat(DashboardPeriod.of(1, null, null, TODAY)).isEqualTo(new DashboardPeriod(TODAY, TODAY));
    assertThatThrownBy(() -> new DashboardPeriod(TODAY, TODAY.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void containsItsUtcDaysFromTheFirstInstantToTheLast() {
    DashboardPeriod day = new DashboardPeriod(TODAY, TODAY);
    assertThat(day.contains(Instant.parse("2026-11-28T00:00:00Z"))).isTrue();
    assertThat(day.contains(Instant.parse("2026-11-28T23:59:59.999Z"))).isTrue();
    assertThat(day.contains(Instant.parse("2026-11-29T00:00:00Z"))).isFalse();
    assertThat(day.contains(Instant.parse("2026-11-27T23:59:59.999Z"))).isFalse();
    assertThat(day.contains(null)).isFalse();
  }
}
