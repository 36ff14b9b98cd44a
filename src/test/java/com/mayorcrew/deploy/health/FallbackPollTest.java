package com.mayorcrew.deploy.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The poll timer's interval next to Docker's events ({@link ContainerHealthEvents#nextPoll}). */
class FallbackPollTest {

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration FALLBACK = Duration.ofSeconds(5);

  @Test
  void withoutAnEventToComeTheServicesPaceHolds() {
    assertThat(ContainerHealthEvents.nextPoll(false, POLL, FALLBACK, Duration.ofMinutes(1))).isEqualTo(POLL);
  }

  @Test
  void whileDockersCheckStartsOnAFollowedDaemonTheTimerIsOnlyTheFallback() {
    assertThat(ContainerHealthEvents.nextPoll(true, POLL, FALLBACK, Duration.ofMinutes(1))).isEqualTo(FALLBACK);
  }

  @Test
  void theFallbackNeverWaitsPastTheDeadlineNorPollsFasterThanTheService() {
    assertThat(ContainerHealthEvents.nextPoll(true, POLL, FALLBACK, Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(ContainerHealthEvents.nextPoll(true, POLL, FALLBACK, Duration.ofMillis(100))).isEqualTo(POLL);
    assertThat(ContainerHealthEvents.nextPoll(true, Duration.ofSeconds(10), FALLBACK, Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void onlyAStartingCheckOfARunningContainerIsWorthWaitingFor() {
    assertThat(observation(true, HealthObservation.STARTING).awaitsDockersHealthCheck()).isTrue();
    assertThat(observation(true, HealthObservation.HEALTHY).awaitsDockersHealthCheck()).isFalse();
    assertThat(observation(true, HealthObservation.NONE).awaitsDockersHealthCheck()).isFalse();
    assertThat(observation(false, HealthObservation.STARTING).awaitsDockersHealthCheck()).isFalse();
  }

  private static HealthObservation observation(boolean running, String health) {
    return new HealthObservation(running, health, 0, null, null, null, running ? "running" : "exited", null, false, 0);
  }
}
