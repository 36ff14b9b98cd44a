package com.mayorcrew.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's figures from hand-made deploys: no engine, every edge case by construction. */
class DeployDashboardTest {

  private static final DashboardPeriod WEEK =
      new DashboardPeriod(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-07"));
  private static final Instant DAY_ONE = Instant.parse("2026-11-01T00:00:00Z");

  @Test
  void noDeploysGiveZeroCountsNoRatesAndEveryDayEmpty() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of());

    assertThat(dashboard.dora()).isEqualTo(new DoraFigures(0, 0, 0, 0, 0, null, 0, 0, null, 0, null));
    assertThat(dashboard.days()).hasSize(7).allMatch(day -> day.landed() == 0 && day.failures() == 0);
    assertThat(dashboard.days().get(0).day()).isEqualTo(WEEK.from());
    assertThat(dashboard.days().get(6).day()).isEqualTo(WEEK.to());
    assertThat(dashboard.phases()).isEmpty();
    assertThat(dashboard.escalations()).isEmpty();
  }

  @Test
  void onlyFailuresAreOneOutageNeverRestored() {
    DeployDashboard dashboard = DeployDashboard.of("web", "local", WEEK, List.of(
        failed("a", "web", "local", hours(2), "rolled_back"), failed("b", "web", "local", hours(30), "failed")));

    DoraFigures dora = dashboard.dora();
    assertThat(dora.landed()).isZero();
    assertThat(dora.landedPerDay()).isZero();
    assertThat(dora.ended()).isEqualTo(2);
    assertThat(dora.failures()).isEqualTo(2);
    assertThat(dora.changeFailureRate()).isEqualTo(1.0);
    assertThat(dora.restored()).isZero();
    assertThat(dora.notRestored()).isEqualTo(1);
    assertThat(dora.medianTimeToRestoreMillis()).isNull();
    assertThat(dora.leadTimes()).isZero();
    assertThat(dora.medianLeadTimeMillis()).isNull();
    assertThat(dashboard.days().get(0)).isEqualTo(new DeployDashboard.DayCount(WEEK.from(), 0, 1));
    assertThat(dashboard.days().get(1)).isEqualTo(new DeployDashboard.DayCount(WEEK.from().plusDays(1), 0, 1));
  }

  @Test
  void aCancelledDeployEndsWithoutAResultAndIsNoChangeFailure() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        landed("ok", "web", "local", hours(1), minutes(10)),
        failed("cancelled", "web", "local", hours(2), null)));

    DoraFigures dora = dashboard.dora();
    assertThat(dora.ended()).isEqualTo(2);
    assertThat(dora.failures()).isZero();
    assertThat(dora.changeFailureRate()).isZero();
  }

  @Test
  void anOutageLastsFromItsFirstFailureToTheNextPassedHealthCheckOfTheSameServiceAndHost() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        landed("ok", "web", "local", hours(1), minutes(10)),
        failed("f1", "web", "local", hours(3), "rolled_back"),
        failed("f2", "web", "local", hours(4), "failed"),
        // Healthy on another host or of another service restores nothing here.
        landed("other-host", "web", "far", hours(5), minutes(10)),
        landed("other-service", "api", "local", hours(5), minutes(10)),
        // Healthy at 6h, rolled back after the smoke test: its passed health check still ends the outage.
        new EndedDeploy("fix", "web", "local", "rolled_back", false, hours(6).minus(minutes(20)), hours(6),
            hours(6).plus(minutes(5)), Map.of(), List.of()),
        landed("api-ok", "api", "far", hours(7), minutes(10)),
        failed("api-f", "api", "far", hours(8), "failed"),
        landed("api-fix", "api", "far", hours(9), minutes(10))));

    DoraFigures dora = dashboard.dora();
    // web/local: from f1 at 3h (f2 joins it) until fix passed its health check at 6h; fix's own rollback at 6h05
    // begins an outage not restored yet. api/far: from 8h until api-fix passed its health check at 8h55.
    assertThat(dora.restored()).isEqualTo(2);
    assertThat(dora.notRestored()).isEqualTo(1);
    long webOutage = Duration.ofHours(3).toMillis();
    long apiOutage = Duration.between(hours(8), landed("x", "api", "far", hours(9), minutes(10)).healthy()).toMillis();
    assertThat(dora.medianTimeToRestoreMillis()).isEqualTo((webOutage + apiOutage) / 2);
    assertThat(dora.failures()).isEqualTo(4);
    assertThat(dora.ended()).isEqualTo(9);
    assertThat(dora.changeFailureRate()).isEqualTo(4 / 9.0);
  }

  @Test
  void outagesFollowTheTimesNotTheOrderTheDeploysComeIn() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        landed("fix", "web", "local", hours(5), minutes(10)),
        failed("broke", "web", "local", hours(2), "failed")));

    assertThat(dashboard.dora().restored()).isEqualTo(1);
    assertThat(dashboard.dora().medianTimeToRestoreMillis()).isEqualTo(Duration.ofMinutes(175).toMillis());
  }

  @Test
  void anOutageOfThePeriodIsRestoredByAHealthyDeployAfterIt() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        failed("late", "web", "local", Instant.parse("2026-11-07T23:00:00Z"), "failed"),
        landed("next-week", "web", "local", Instant.parse("2026-11-08T02:00:00Z"), minutes(10))));

    assertThat(dashboard.dora().restored()).isEqualTo(1);
    assertThat(dashboard.dora().medianTimeToRestoreMillis()).isEqualTo(Duration.ofMinutes(175).toMillis());
    // The restoring deploy itself ended after the period: not counted there.
    assertThat(dashboard.dora().landed()).isZero();
    assertThat(dashboard.dora().ended()).isEqualTo(1);
  }

  @Test
  void anOutageBegunBeforeThePeriodIsNotCountedInIt() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        failed("before", "web", "local", Instant.parse("2026-10-31T23:00:00Z"), "failed"),
        landed("fix", "web", "local", hours(1), minutes(10))));

    assertThat(dashboard.dora().restored()).isZero();
    assertThat(dashboard.dora().notRestored()).isZero();
    assertThat(dashboard.dora().landed()).isEqualTo(1);
  }

  @Test
  void aDeployCountsOnTheUtcDayItEndedBothEndsOfThePeriodIncluded() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        landed("too-early", "web", "local", DAY_ONE.minusMillis(1), minutes(1)),
        landed("first", "web", "local", DAY_ONE, minutes(1)),
        landed("last", "web", "local", Instant.parse("2026-11-07T23:59:59.999Z"), minutes(1)),
        landed("too-late", "web", "local", Instant.parse("2026-11-08T00:00:00Z"), minutes(1))));

    assertThat(dashboard.dora().landed()).isEqualTo(2);
    assertThat(dashboard.dora().landedPerDay()).isEqualTo(2 / 7.0);
    assertThat(dashboard.dora().landedPerWeek()).isEqualTo(2.0);
    assertThat(dashboard.days().get(0).landed()).isEqualTo(1);
    assertThat(dashboard.days().get(6).landed()).isEqualTo(1);
  }

  @Test
  void leadTimeIsTheMedianFromRequestToPassedHealthCheckOfDeploysThatGotThere() {
    DeployDashboard dashboard = DeployDashboard.of(null, null, WEEK, List.of(
        landed("a", "web", "local", hours(1), minutes(4)),
        landed("b", "web", "local", hours(2), minutes(10)),
        landed("c", "web", "local", hours(3), minutes(6)),
        landed("d", "web", "local", hours(4), minutes(30)),
        failed("never-healthy", "web", "local", hours(5), "failed")));

    assertThat(dashboard.dora().leadTimes()).isEqualTo(4);
    assertThat(dashboard.dora().medianLeadTimeMillis()).isEqualTo(Duration.ofMinutes(8).toMillis());
  }

  @Test
  void phasesInTheirOrderWithMedianAndNearestRankP90OverTheDeploysThatSpentTimeInThem() {
    List<EndedDeploy> deploys = new java.util.ArrayList<>();
    for (long i = 1; i <= 10; i++) {
      deploys.add(withPhases("d" + i, Map.of("execution", i * 1000, "request and approval", 500L)));
    }
    deploys.add(withPhases("rolled", Map.of("rollback", 7000L)));
    // A phase a later model adds comes after the known ones.
    deploys.add(withPhases("new", Map.of("a new phase", 300L)));

    assertThat(DeployDashboard.of(null, null, WEEK, deploys).phases()).containsExactly(
        new DeployDashboard.PhaseTime("request and approval", 10, 500, 500),
        new DeployDashboard.PhaseTime("execution", 10, 5500, 9000),
        new DeployDashboard.PhaseTime("rollback", 1, 7000, 7000),
        new DeployDashboard.PhaseTime("a new phase", 1, 300, 300));
  }

  @Test
  void escalationsByReasonMostFrequentFirst() {
    List<EndedDeploy> deploys = List.of(
        escalated("a", List.of("DOCKER_UNAVAILABLE", "HEALTH_TIMEOUT")),
        escalated("b", List.of("DOCKER_UNAVAILABLE")),
        escalated("c", List.of("CAPABILITIES_DENIED")));

    assertThat(DeployDashboard.of(null, null, WEEK, deploys).escalations()).containsExactly(
        new DeployDashboard.ReasonCount("DOCKER_UNAVAILABLE", 2),
        new DeployDashboard.ReasonCount("CAPABILITIES_DENIED", 1),
        new DeployDashboard.ReasonCount("HEALTH_TIMEOUT", 1));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(DeployDashboard.median(List.of())).isNull();
    assertThat(DeployDashboard.median(List.of(5L))).isEqualTo(5);
    assertThat(DeployDashboard.median(List.of(9L, 1L, 4L, 6L))).isEqualTo(5);
    assertThat(DeployDashboard.percentile(List.of(3L), 90)).isEqualTo(3);
    assertThat(DeployDashboard.percentile(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), 90)).isEqualTo(10);
  }

  /** Landed at {@code ended}, healthy five minutes before, requested {@code leadTime} before healthy. */
  private static EndedDeploy landed(String id, String service, String host, Instant ended, Duration leadTime) {
    Instant healthy = ended.minus(minutes(5));
    return new EndedDeploy(id, service, host, "success", true, healthy.minus(leadTime), healthy, ended, Map.of(),
        List.of());
  }

  private static EndedDeploy failed(String id, String service, String host, Instant ended, String result) {
    return new EndedDeploy(id, service, host, result, false, ended.minus(minutes(3)), null, ended, Map.of(),
        List.of());
  }

  private static EndedDeploy withPhases(String id, Map<String, Long> phases) {
    return new EndedDeploy(id, "web", "local", "success", true, hours(1), hours(2), hours(3), phases, List.of());
  }

  private static EndedDeploy escalated(String id, List<String> reasons) {
    return new EndedDeploy(id, "web", "local", "failed", false, hours(1), null, hours(2), Map.of(), reasons);
  }

  private static Instant hours(long hours) {
    return DAY_ONE.plus(Duration.ofHours(hours));
  }

  private static Duration minutes(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
