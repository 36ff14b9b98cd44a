package com.mayorcrew.deploy.rollout;

import java.time.Instant;

/**
 * A dispatched workflow run.
 *
 * @param runId the run's id when GitHub returned it (return_run_details); null when the run must be looked up
 * @param htmlUrl the run's page, when known
 * @param dispatchedAt GitHub's time of the dispatch (its Date header), else ours: runs created before are not ours
 * @param ref the branch or tag the workflow was dispatched on
 * @param headSha the commit the ref pointed to right after the dispatch, for the lookup; null when runId is known
 */
record WorkflowDispatch(Long runId, String htmlUrl, Instant dispatchedAt, String ref, String headSha) {

  public boolean runKnown() {
    return runId != null;
  }
}
