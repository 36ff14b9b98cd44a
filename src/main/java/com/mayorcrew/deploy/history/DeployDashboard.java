package com.mayorcrew.deploy.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The deploy dashboard of one service and host (either may be null: all) over one period, computed from ended
 * deploys alone, so it is the same whether the deploys come from the engine's history or a test's hand.
 *
 * @param days every day of the period with its landed deploys and failures
 * @param phases median and 90th percentile per phase, over the deploys that spent time in it, in phase order
 * @param escalations escalations raised by deploys ended in the period, by reason, most frequent first
 */
record DeployDashboard(
    String service,
    String host,
    DashboardPeriod period,
    DoraFigures dora,
    List<DayCount> days,
    List<PhaseTime> phases,
    List<ReasonCount> escalations) {

  record DayCount(LocalDate day, long landed, long failures) {}

  record PhaseTime(String phase, int deploys, long medianMillis, long p90Millis) {}

  record ReasonCount(String reason, long count) {}

  /**
   * Computes the dashboard. {@code deploys} are the deploys ended in the period, and may hold later ones: an
   * outage begun in the period is restored by a healthy deploy after it, too.
   */
  static DeployDashboard of(String service, String host, DashboardPeriod period, List<EndedDeploy> deploys) {
    List<EndedDeploy> inPeriod = deploys.stream().filter(deploy -> period.contains(deploy.ended())).toList();
    return new DeployDashboard(service, host, period, dora(period, inPeriod, deploys), days(period, inPeriod),
        phases(inPeriod), escalations(inPeriod));
  }

  private static DoraFigures dora(DashboardPeriod period, List<EndedDeploy> inPeriod, List<EndedDeploy> all) {
    long landed = inPeriod.stream().filter(EndedDeploy::landed).count();
    long failures = inPeriod.stream().filter(EndedDeploy::failed).count();
    List<Long> leadTimes = inPeriod.stream().filter(deploy -> deploy.healthy() != null)
        .map(deploy -> Duration.between(deploy.requested(), deploy.healthy()).toMillis()).toList();
    List<Outage> outages = outages(all).stream().filter(outage -> period.contains(outage.since())).toList();
    List<Long> restoreTimes = outages.stream().filter(outage -> outage.restored() != null)
        .map(outage -> Duration.between(outage.since(), outage.restored()).toMillis()).toList();
    double perDay = (double) landed / period.days();
    return new DoraFigures(landed, perDay, perDay * 7, inPeriod.size(), failures,
        inPeriod.isEmpty() ? null : (double) failures / inPeriod.size(), restoreTimes.size(),
        outages.size() - restoreTimes.size(), median(restoreTimes), leadTimes.size(), median(leadTimes));
  }

  /** A service on a host broken from its first failure after a healthy state until a deploy's health check passed. */
  private record Outage(Instant since, Instant restored) {}

  /**
   * Walks each service and host's failures (at the deploy's end) and passed health checks in time order: a failure
   * while healthy begins an outage, further failures belong to it, the next passed health check ends it.
   */
  private static List<Outage> outages(List<EndedDeploy> deploys) {
    record Event(Instant time, boolean healthy) {}
    Map<String, List<Event>> byTarget = new TreeMap<>();
    for (EndedDeploy deploy : deploys) {
      List<Event> events = byTarget.computeIfAbsent(deploy.service() + "\n" + deploy.host(), key -> new ArrayList<>());
      if (deploy.healthy() != null) {
        events.add(new Event(deploy.healthy(), true));
      }
      if (deploy.failed()) {
        events.add(new Event(deploy.ended(), false));
      }
    }
    List<Outage> outages = new ArrayList<>();
    for (List<Event> events : byTarget.values()) {
      events.sort(Comparator.comparing(Event::time));
      Instant brokenSince = null;
      for (Event event : events) {
        if (!event.healthy() && brokenSince == null) {
          brokenSince = event.time();
        } else if (event.healthy() && brokenSince != null) {
          outages.add(new Outage(brokenSince, event.time()));
          brokenSince = null;
        }
      }
      if (brokenSince != null) {
        outages.add(new Outage(brokenSince, null));
      }
    }
    return outages;
  }

  private static List<DayCount> days(DashboardPeriod period, List<EndedDeploy> inPeriod) {
    Map<LocalDate, List<EndedDeploy>> byDay = inPeriod.stream()
        .collect(Collectors.groupingBy(deploy -> LocalDate.ofInstant(deploy.ended(), ZoneOffset.UTC)));
    List<DayCount> days = new ArrayList<>();
    for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
      List<EndedDeploy> ended = byDay.getOrDefault(day, List.of());
      days.add(new DayCount(day, ended.stream().filter(EndedDeploy::landed).count(),
          ended.stream().filter(EndedDeploy::failed).count()));
    }
    return days;
  }

  private static List<PhaseTime> phases(List<EndedDeploy> inPeriod) {
    Map<String, List<Long>> byPhase = new LinkedHashMap<>();
    for (DeployPhases.Phase phase : DeployPhases.Phase.values()) {
      byPhase.put(phase.label, new ArrayList<>());
    }
    inPeriod.forEach(deploy -> deploy.phaseMillis().forEach((phase, millis) ->
        byPhase.computeIfAbsent(phase, label -> new ArrayList<>()).add(millis)));
    List<PhaseTime> phases = new ArrayList<>();
    byPhase.forEach((phase, millis) -> {
      if (!millis.isEmpty()) {
        phases.add(new PhaseTime(phase, millis.size(), median(millis), percentile(millis, 90)));
      }
    });
    return phases;
  }

  private static List<ReasonCount> escalations(List<EndedDeploy> inPeriod) {
    return inPeriod.stream().flatMap(deploy -> deploy.escalationReasons().stream())
        .collect(Collectors.groupingBy(reason -> reason, TreeMap::new, Collectors.counting()))
        .entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(entry -> new ReasonCount(entry.getKey(), entry.getValue())).toList();
  }

  /** The middle value, or the mean of the two middle ones (rounded down); null for none. */
  static Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  /** Nearest rank: the smallest value that at least {@code percent} % of the values are at or below. */
  static long percentile(List<Long> values, int percent) {
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
