package com.mayorcrew.deploy.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowRunJudgementTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:10:00Z");
  private static final Instant LATER = NOW.plusSeconds(60);
  private static final Duration TIMEOUT = Duration.ofMinutes(30);
  private static final String URL = "https://github.com/mayor/gastown/actions/runs/902";

  @Test
  void succeededFailedRunningAndTimedOut() {
    assertThat(judge(run("completed", "success", List.of()), NOW, LATER).verdictName()).isEqualTo("succeeded");
    assertThat(judge(run("in_progress", "", List.of()), NOW, LATER).verdictName()).isEqualTo("running");
    assertThat(judge(Optional.empty(), NOW, LATER).verdictName()).isEqualTo("running");

    WorkflowRunJudgement failed = judge(run("completed", "failure", List.of("deploy canary (failure)")), NOW, LATER);
    assertThat(failed.verdictName()).isEqualTo("failed");
    assertThat(failed.failure()).isEqualTo("run " + URL + " concluded failure; failing jobs: deploy canary (failure)");

    WorkflowRunJudgement cancelled = judge(run("completed", "cancelled", List.of()), NOW, LATER);
    assertThat(cancelled.failure()).contains("concluded cancelled", "none reported");

    WorkflowRunJudgement late = judge(run("queued", "", List.of()), LATER, LATER);
    assertThat(late.verdictName()).isEqualTo("failed");
    assertThat(late.failure()).isEqualTo("timed out after PT30M: run " + URL + " still queued");

    WorkflowRunJudgement neverAppeared = judge(Optional.empty(), LATER, LATER);
    assertThat(neverAppeared.failure()).isEqualTo("timed out after PT30M: no run of canary-deploy.yml appeared "
        + "for the dispatch");
  }

  private static WorkflowRunJudgement judge(Optional<WorkflowRunObservation> run, Instant now, Instant deadline) {
    return WorkflowRunJudgement.judge(run, now, deadline, TIMEOUT, "canary-deploy.yml");
  }

  private static Optional<WorkflowRunObservation> run(String status, String conclusion, List<String> failingJobs) {
    return Optional.of(new WorkflowRunObservation(902, status, conclusion, URL, failingJobs));
  }
}
