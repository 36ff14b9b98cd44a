package com.mayorcrew.deploy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthObservationTest {

  private static HealthObservation running(String health, int restarts, Integer probeStatus, String probeError) {
    return new HealthObservation(true, health, restarts, probeStatus, probeError, List.of(), "running", null, false, 0);
  }

  @Test
  void passesWhenRunningHealthyAndTheProbeAnswers2xx() {
    assertThat(running("healthy", 0, 200, null).passes()).isTrue();
    assertThat(running("healthy", 0, null, null).passes()).as("no probe configured").isTrue();
    assertThat(running("none", 0, 204, null).passes()).as("image without health check").isTrue();
    assertThat(running("starting", 0, 200, null).passes()).isFalse();
    assertThat(running("healthy", 0, 503, "HTTP 503").passes()).isFalse();
    assertThat(running("healthy", 0, null, "connection refused").passes()).isFalse();
  }

  @Test
  void startingOrAFailingProbeIsNotYetAFailure() {
    assertThat(running("starting", 0, null, "connection refused").failure()).isEmpty();
    assertThat(running("healthy", 0, 503, "HTTP 503").failure()).isEmpty();
  }

  @Test
  void restartsAndUnhealthyAreFailures() {
    assertThat(running("healthy", 2, 200, null).failure()).contains("container restarted 2 time(s)");
    HealthObservation unhealthy =
        new HealthObservation(true, "unhealthy", 0, null, null, List.of("wget: bad address"), "running", null, false,
            0);
    assertThat(unhealthy.failure())
        .contains("container health check reports unhealthy; last check: wget: bad address");
  }

  @Test
  void aContainerThatNeverRanHasNoExitCode() {
    HealthObservation created = new HealthObservation(false, "none", 0, null, null, null, "created", null, false, 0);
    assertThat(created.failure()).contains("container is not running (status created)");
    assertThat(created.healthLog()).isEmpty();
  }

  @Test
  void anOomKilledContainerSaysItWasOutOfMemoryAndItsLimit() {
    HealthObservation atLimit =
        new HealthObservation(false, "healthy", 0, null, null, List.of(), "exited", 137L, true, 16L * 1024 * 1024);
    assertThat(atLimit.failure()).contains("container is not running (status exited, exit code 137; "
        + "OOM-killed: out of memory at its memory limit of 16 MiB)");
    HealthObservation unlimited =
        new HealthObservation(false, "healthy", 0, null, null, List.of(), "exited", 137L, true, 0);
    assertThat(unlimited.failure()).contains("container is not running (status exited, exit code 137; "
        + "OOM-killed: out of memory, the container has no memory limit)");
    HealthObservation killed =
        new HealthObservation(false, "healthy", 0, null, null, List.of(), "exited", 137L, false, 16L * 1024 * 1024);
    assertThat(killed.failure()).as("a plain SIGKILL")
        .contains("container is not running (status exited, exit code 137)");
  }
}
