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
  void emptyDataGiveChartsWithoutBars() {
    assertThat(DashboardCharts.deploysPerDay(List.of(new DeployDashboard.DayCount(DAY, 0, 0))).bars()).isEmpty();
    assertThat(DashboardCharts.phaseTimes(List.of()).bars()).isEmpty();
    assertThat(DashboardCharts.escalations(List.of()).bars()).isEmpty();
  }

  @Test
  void phaseRowsShowMedianAndP90AsBarsAndText() {
    DashboardCharts.SvgChart chart = DashboardCharts.phaseTimes(List.of(
        new DeployDashboard.PhaseTime("execution", 3, 2000, 4000)));

    assertThat(chart.bars()).extracting(DashboardCharts.Rect::width).containsExactly("170", "340");
    assertThat(chart.labels()).extracting(DashboardCharts.Label::text)
        .containsExactly("execution", "median 2.0s · p90 4.0s (3 deploys)");
  }

  @Test
  void svgNumbersHaveNoExponentAndAtMostTwoDecimals() {
    assertThat(DashboardCharts.number(0.0001)).isEqualTo("0");
    assertThat(DashboardCharts.number(12.345)).isEqualTo("12.35");
    assertThat(DashboardCharts.number(1.5e7)).isEqualTo("15000000");
  }
}
