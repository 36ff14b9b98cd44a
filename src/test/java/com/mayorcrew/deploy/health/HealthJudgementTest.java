package com.mayorcrew.deploy.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.health.HealthJudgement.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The health verdict per observation: consecutive passes, definitive failures, the deadline. */
class HealthJudgementTest {

  private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
  private static final Instant DEADLINE = NOW.plusSeconds(60);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private static HealthObservation passing() {
    return new HealthObservation(true, "healthy", 0, 200, null, List.of(), "running", null, false, 0);
  }

  private static HealthObservation starting() {
    return new HealthObservation(true, "starting", 0, null, "connection refused", List.of("wget: refused"),
        "running", null, false, 0);
  }

  private static HealthJudgement judge(HealthObservation observation, int passesBefore, Instant now) {
    return HealthJudgement.judge(observation, passesBefore, 3, now, DEADLINE, TIMEOUT);
  }

  @Test
  void healthyOnlyAfterTheRequiredConsecutivePasses() {
    HealthJudgement second = judge(passing(), 1, NOW);
    assertThat(second.verdict()).isEqualTo(Verdict.WAITING);
    assertThat(second.passes()).isEqualTo(2);
    assertThat(second.summary())
        .isEqualTo("running, health healthy, restarts 0, probe HTTP 200 (2/3 consecutive passes)");

    HealthJudgement third = judge(passing(), 2, NOW);
    assertThat(third.verdict()).isEqualTo(Verdict.HEALTHY);
    assertThat(third.passes()).isEqualTo(3);
    assertThat(third.summary()).endsWith("(3/3 consecutive passes)");
  }

  @Test
  void aNonPassingObservationResetsTheCount() {
    HealthJudgement judgement = judge(starting(), 2, NOW);
    assertThat(judgement.verdict()).isEqualTo(Verdict.WAITING);
    assertThat(judgement.passes()).isZero();
    assertThat(judgement.summary()).isEqualTo(
        "running, health starting, restarts 0, probe failed: connection refused (0/3 consecutive passes)");
  }

  @Test
  void aDefinitiveFailureFailsAtOnceWithTheReasonAndTheHealthLogAsEvidence() {
    HealthObservation exited =
        new HealthObservation(false, "none", 0, null, null, List.of("boom", "still boom"), "exited", 1L, false, 0);
    HealthJudgement judgement = judge(exited, 2, NOW);
    assertThat(judgement.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(judgement.passes()).isZero();
    assertThat(judgement.summary()).isEqualTo("container is not running (status exited, exit code 1)");
    assertThat(judgement.evidence()).isEqualTo(
        "not running, health none, restarts 0, no probe\nLast health check output:\n  boom\n  still boom");
  }

  @Test
  void evidenceWithoutHealthLogIsTheDescriptionAlone() {
    assertThat(judge(passing(), 0, NOW).evidence()).isEqualTo("running, health healthy, restarts 0, probe HTTP 200");
  }

  @Test
  void theDeadlineFailsAContainerThatIsNotYetHealthy() {
    HealthJudgement before = judge(starting(), 0, DEADLINE.minusMillis(1));
    assertThat(before.verdict()).isEqualTo(Verdict.WAITING);

    HealthJudgement at = judge(starting(), 0, DEADLINE);
    assertThat(at.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(at.summary()).isEqualTo("not healthy within 120 s; last observation: running, health starting, "
        + "restarts 0, probe failed: connection refused (0/3 consecutive passes)");

    HealthJudgement passingAfter = judge(passing(), 1, DEADLINE.plusSeconds(5));
    assertThat(passingAfter.verdict()).as("a pass after the deadline still counts").isEqualTo(Verdict.FAILED);
    assertThat(passingAfter.passes()).isEqualTo(2);
  }

  @Test
  void theLastRequiredPassWinsEvenAtTheDeadline() {
    assertThat(judge(passing(), 2, DEADLINE.plusSeconds(5)).verdict()).isEqualTo(Verdict.HEALTHY);
  }
}
