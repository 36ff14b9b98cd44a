package com.mayorcrew.deploy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HealthObservationTest {

  private static HealthObservation running(String health, int restarts, Integer probeStatus, String probeError) {
    return new HealthObservation(true, health, restarts, probeStatus, probeError, List.of(), "running", null);
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
        new HealthObservation(true, "unhealthy", 0, null, null, List.of("wget: bad address"), "running", null);
    assertThat(unhealthy.failure())
        .contains("container health check reports unhealthy; last check: wget: bad address");
  }

  @Test
  void aContainerThatNeverRanHasNoExitCode() {
    HealthObservation created = new HealthObservation(false, "none", 0, null, null, null, "created", null);
    assertThat(created.failure()).contains("container is not running (status created)");
    assertThat(created.healthLog()).isEmpty();
  }
}
