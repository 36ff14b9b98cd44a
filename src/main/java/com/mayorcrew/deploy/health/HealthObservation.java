package com.mayorcrew.deploy.health;

import java.util.List;
import java.util.Optional;

/**
 * One look at a new container: its Docker state and health check, and the service's HTTP probe.
 *
 * @param running whether the container is running
 * @param containerHealth healthy, unhealthy, starting, or none when the image has no health check
 * @param restartCount how often Docker restarted the container
 * @param probeStatus the probe's HTTP status; null when no probe is configured or it got no response
 * @param probeError why the probe did not pass (no response, non-2xx status); null when it passed or is not configured
 * @param healthLog the last (at most 5) outputs of the container's health check, trimmed
 * @param state Docker's container status: created, running, restarting, exited, dead, ...
 * @param exitCode the exit code of the container's last run; null while it runs or when it never ran
 * @param oomKilled Docker's State.OOMKilled: the kernel killed a process of the container for lack of memory since
 *     the container last started (Docker sets it when the container exits)
 * @param memoryLimit the container's memory limit in bytes; 0 when it has none
 */
record HealthObservation(
    boolean running,
    String containerHealth,
    int restartCount,
    Integer probeStatus,
    String probeError,
    List<String> healthLog,
    String state,
    Long exitCode,
    boolean oomKilled,
    long memoryLimit) {

  public static final String HEALTHY = "healthy";
  public static final String UNHEALTHY = "unhealthy";
  public static final String STARTING = "starting";
  public static final String NONE = "none";
  private static final long MIB = 1024 * 1024;

  public HealthObservation {
    healthLog = healthLog == null ? List.of() : List.copyOf(healthLog);
  }

  /** Healthy now: running, the image's health check (if any) passes, and the probe (if any) answers 2xx. */
  public boolean passes() {
    boolean containerOk = HEALTHY.equals(containerHealth) || NONE.equals(containerHealth);
    boolean probeOk = probeError == null && (probeStatus == null || probeStatus / 100 == 2);
    return running && containerOk && probeOk;
  }

  /**
   * The container runs and Docker's own health check has not concluded yet: its verdict will come as a
   * {@code health_status} event of the daemon.
   */
  public boolean awaitsDockersHealthCheck() {
    return running && STARTING.equals(containerHealth);
  }

  /** Why the container has definitively failed; empty while it is healthy or may still become healthy. */
  public Optional<String> failure() {
    if (!running) {
      String exit = exitCode == null ? "" : ", exit code " + exitCode;
      return Optional.of("container is not running (status " + state + exit + outOfMemory() + ")");
    }
    if (UNHEALTHY.equals(containerHealth)) {
      String last = healthLog.isEmpty() ? "" : "; last check: " + healthLog.get(healthLog.size() - 1);
      return Optional.of("container health check reports unhealthy" + last);
    }
    if (restartCount > 0) {
      return Optional.of("container restarted " + restartCount + " time(s)");
    }
    return Optional.empty();
  }

  /** An exit code 137 is any SIGKILL: say when it was the memory limit, as Docker knows it. */
  private String outOfMemory() {
    if (!oomKilled) {
      return "";
    }
    if (memoryLimit <= 0) {
      return "; OOM-killed: out of memory, the container has no memory limit";
    }
    String limit = memoryLimit % MIB == 0 ? memoryLimit / MIB + " MiB" : memoryLimit + " bytes";
    return "; OOM-killed: out of memory at its memory limit of " + limit;
  }
}
