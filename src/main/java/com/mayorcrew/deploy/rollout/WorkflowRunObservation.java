package com.mayorcrew.deploy.rollout;

import java.util.List;

/**
 * One look at a workflow run.
 *
 * @param status queued, in_progress, completed (or waiting, requested, pending)
 * @param conclusion success, failure, cancelled, timed_out, ...; empty until completed
 * @param failingJobs names of the jobs that did not succeed, when the run concluded other than success
 */
record WorkflowRunObservation(long runId, String status, String conclusion, String htmlUrl,
    List<String> failingJobs) {

  public boolean completed() {
    return "completed".equals(status);
  }

  public boolean succeeded() {
    return completed() && "success".equals(conclusion);
  }
}
