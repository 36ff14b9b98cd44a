package com.mayorcrew.deploy.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The verdict on a dispatched workflow after one more observation: succeeded on conclusion success, failed on any
 * other conclusion or once the deadline has passed, running otherwise (including "run not found yet").
 */
record WorkflowRunJudgement(Verdict verdict, String failure) {

  public enum Verdict { RUNNING, SUCCEEDED, FAILED }

  public static WorkflowRunJudgement judge(Optional<WorkflowRunObservation> observation, Instant now,
      Instant deadline, Duration timeout, String workflow) {
    if (observation.isPresent() && observation.get().completed()) {
      WorkflowRunObservation run = observation.get();
      if (run.succeeded()) {
        return new WorkflowRunJudgement(Verdict.SUCCEEDED, null);
      }
      return new WorkflowRunJudgement(Verdict.FAILED, "run " + run.htmlUrl() + " concluded " + run.conclusion()
          + "; failing jobs: " + (run.failingJobs().isEmpty() ? "none reported" : String.join(", ",
              run.failingJobs())));
    }
    if (now.isBefore(deadline)) {
      return new WorkflowRunJudgement(Verdict.RUNNING, null);
    }
    String where = observation.map(run -> "run " + run.htmlUrl() + " still " + run.status())
        .orElse("no run of " + workflow + " appeared for the dispatch");
    return new WorkflowRunJudgement(Verdict.FAILED, "timed out after " + timeout + ": " + where);
  }

  public String verdictName() {
    return verdict.name().toLowerCase();
  }
}
