package com.mayorcrew.deploy.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The verdict on a new container after one more observation. Healthy takes {@code requiredPasses} passing
 * observations in a row; a definitive failure (unhealthy, stopped, restarted) or the deadline fails it at once.
 */
record HealthJudgement(Verdict verdict, int passes, String summary, String evidence) {

  public enum Verdict { HEALTHY, WAITING, FAILED }

  public static HealthJudgement judge(HealthObservation observation, int passesBefore, int requiredPasses,
      Instant now, Instant deadline, Duration timeout) {
    String evidence = evidenceOf(observation);
    var failure = observation.failure();
    if (failure.isPresent()) {
      return new HealthJudgement(Verdict.FAILED, 0, failure.get(), evidence);
    }
    int passes = observation.passes() ? passesBefore + 1 : 0;
    String summary = describe(observation) + " (" + passes + "/" + requiredPasses + " consecutive passes)";
    if (passes >= requiredPasses) {
      return new HealthJudgement(Verdict.HEALTHY, passes, summary, evidence);
    }
    if (!now.isBefore(deadline)) {
      return new HealthJudgement(Verdict.FAILED, passes,
          "not healthy within " + timeout.toSeconds() + " s; last observation: " + summary, evidence);
    }
    return new HealthJudgement(Verdict.WAITING, passes, summary, evidence);
  }

  private static String describe(HealthObservation observation) {
    String probe = observation.probeStatus() != null ? "probe HTTP " + observation.probeStatus()
        : observation.probeError() != null ? "probe failed: " + observation.probeError() : "no probe";
    return (observation.running() ? "running" : "not running") + ", health " + observation.containerHealth()
        + ", restarts " + observation.restartCount() + ", " + probe;
  }

  private static String evidenceOf(HealthObservation observation) {
    StringBuilder evidence = new StringBuilder(describe(observation));
    if (!observation.healthLog().isEmpty()) {
      evidence.append("\nLast health check output:");
      observation.healthLog().forEach(line -> evidence.append("\n  ").append(line));
    }
    return evidence.toString();
  }
}
