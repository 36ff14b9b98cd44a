package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardChartsTest {

  private static final LocalDate DAY = LocalDate.parse("2026-11-28");

  @Test
  void stacksFailuresOnLandedDeploysScaledToTheBusiestDayWithTheirValuesWritten() {
    DashboardCharts.SvgChart chart = DashboardCharts.deploysPerDay(List.of(
        new DeployDashboard.DayCount(DAY, 2, 2), new DeployDashboard.DayCount(DAY.plusDays(1), 1, 0),
        new DeployDashboard.DayCount(DAY.plusDays(2), 0, 0)));

    assertThat(chart.bars()).extracting(DashboardCharts.Rect::cssClass)
        .containsExactly("bar-landed", "bar-failed", "bar-landed");
    // The busiest day (4) fills the 160 px plot: 80 px landed from the base at 176, 80 px failed on top.
    assertThat(chart.bars().get(0)).extracting(DashboardCharts.Rect::y, DashboardCharts.Rect::height)
        .containsExactly("96", "80");
    assertThat(chart.bars().get(1)).extracting(DashboardCharts.Rect::y, DashboardCharts.Rect::height)
        .containsExactly("16", "80");
    assertThat(chart.bars().get(1).title()).isEqualTo("2026-11-28: 2 landed, 2 failed or rolled back");
    assertThat(chart.labels()).extracting(DashboardCharts.Label::text).contains("2+2", "1", "11-28", "11-30");
    assertThat(chart.description()).isEqualTo("3 days: 3 landed (green), 2 failed or rolled back (red, on top)");
  }

  @Test
  void daysShareTheWidthWithCentredBarsAndValuesOverThem() {
    DashboardCharts.SvgChart chart = DashboardCharts.deploysPerDay(List.of(
        new DeployDashboard.DayCount(DAY, 2, 1), new DeployDashboard.DayCount(DAY.plusDays(1), 0, 0)));

    // Two slots of 380 px, bars 70 % of a slot; the busiest day (3) fills the 160 px plot above the base at 176.
    assertThat(chart.bars()).containsExactly(
        new DashboardCharts.Rect(57, 176 - 320 / 3.0, 266, 320 / 3.0, "bar-landed",
            "2026-11-28: 2 landed, 1 failed or rolled back"),
        new DashboardCharts.Rect(57, 16, 266, 160 / 3.0, "bar-failed",
            "2026-11-28: 2 landed, 1 failed or rolled back"));
    assertThat(chart.labels()).containsExactly(
        new DashboardCharts.Label(190, 13, "2+1", "value", "middle"),
        new DashboardCharts.Label(190, 190, "11-28", "axis", "middle"),
        new DashboardCharts.Label(570, 190, "11-29", "axis", "middle"));
    assertThat(chart.width()).isEqualTo(760);
    assertThat(chart.height()).isEqualTo(196);
  }

  @Test
  void weeksAreTickedUnlessTooCloseToTheLastDay() {
    List<DeployDashboard.DayCount> days = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      days.add(new DeployDashboard.DayCount(DAY.plusDays(i), 0, 0));
    }
    assertThat(DashboardCharts.deploysPerDay(days).labels()).extracting(DashboardCharts.Label::text)
        .containsExactly("11-28", "12-05", "12-08");
    assertThat(DashboardCharts.deploysPerDay(days.subList(0, 10)).labels()).extracting(DashboardCharts.Label::text)
        .containsExactly("11-28", "12-07");
  }

  @Test
  void escalationRowsScaledToTheMostFrequentReasonWithTheirCounts() {
    DashboardCharts.SvgChart chart = DashboardCharts.escalations(List.of(
        new DeployDashboard.ReasonCount("DOCKER_UNAVAILABLE", 2), new DeployDashboard.ReasonCount("HEALTH", 1)));

    assertThat(chart.bars()).containsExactly(
        new DashboardCharts.Rect(190, 4, 340, 16, "bar-escalation", "DOCKER_UNAVAILABLE: 2"),
        new DashboardCharts.Rect(190, 30, 170, 16, "bar-escalation", "HEALTH: 1"));
    assertThat(chart.labels()).containsExactly(
        new DashboardCharts.Label(182, 17, "DOCKER_UNAVAILABLE", "axis", "end"),
        new DashboardCharts.Label(538, 17, "2", "value", "start"),
        new DashboardCharts.Label(182, 43, "HEALTH", "axis", "end"),
        new DashboardCharts.Label(368, 43, "1", "value", "start"));
    assertThat(chart.description()).isEqualTo("3 escalations");
    assertThat(chart.height()).isEqualTo(60);
  }

  @Test
  void emptyDataGiveChartsWithoutBars() {
    assertThat(DashboardCharts.deploysPerDay(List.of(new DeployDashboard.DayCount(DAY, 0, 0))).bars()).isEmpty();
    assertThat(DashboardCharts.phaseTimes(List.of()).bars()).isEmpty();
    assertThat(DashboardCharts.escalations(List.of()).bars()).isEmpty();
  }

  @Test
  void phaseRowsShowMedianAndP90AsBarsAndText() {
    DashboardCharts.SvgChart chart = DashboardCharts.phaseTimes(List.of(
        new DeployDashboard.PhaseTime("execution", 3, 2000, 4000),
        new DeployDashboard.PhaseTime("rollback", 1, 1000, 1000)));

    assertThat(chart.bars()).containsExactly(
        new DashboardCharts.Rect(190, 4, 170, 12, "bar-median phase-0", "execution: median 2.0s · p90 4.0s (3 deploys)"),
        new DashboardCharts.Rect(190, 18, 340, 5, "bar-p90 phase-0", "execution: median 2.0s · p90 4.0s (3 deploys)"),
        new DashboardCharts.Rect(190, 30, 85, 12, "bar-median phase-1", "rollback: median 1.0s · p90 1.0s (1 deploy)"),
        new DashboardCharts.Rect(190, 44, 85, 5, "bar-p90 phase-1", "rollback: median 1.0s · p90 1.0s (1 deploy)"));
    assertThat(chart.labels()).containsExactly(
        new DashboardCharts.Label(182, 17, "execution", "axis", "end"),
        new DashboardCharts.Label(538, 17, "median 2.0s · p90 4.0s (3 deploys)", "value", "start"),
        new DashboardCharts.Label(182, 43, "rollback", "axis", "end"),
        new DashboardCharts.Label(283, 43, "median 1.0s · p90 1.0s (1 deploy)", "value", "start"));
    assertThat(chart.height()).isEqualTo(60);
  }

  @Test
  void svgNumbersHaveNoExponentAndAtMostTwoDecimals() {
    assertThat(DashboardCharts.number(0.0001)).isEqualTo("0");
    assertThat(DashboardCharts.number(12.345)).isEqualTo("12.35");
    assertThat(DashboardCharts.number(1.5e7)).isEqualTo("15000000");
  }
}
