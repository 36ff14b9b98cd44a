package com.mayorcrew.deploy.context;

/**
 * Process variables written by the GitHub steps. The request's own variables (service, refs, branch, runner
 * label, host) are in {@link com.mayorcrew.deploy.context.DeployVariables}.
 */
public final class GitHubVariables {

  // Resolve refs: the deploy is pinned to these commits from then on
  public static final String GASTOWN_SHA = "gastownSha";
  public static final String GTRUNTIME_SHA = "gtruntimeSha";

  // Prechecks that passed say what they found
  public static final String BRANCH_PROTECTION_SUMMARY = "branchProtectionSummary";
  public static final String RUNNER_SUMMARY = "runnerSummary";

  // Dispatch workflow
  /** Dispatches completed for this deploy: the next attempt is this plus one. */
  public static final String WORKFLOW_DISPATCHES = "workflowDispatches";
  /** The marker of the current attempt's dispatch, {@code <deployId>#<attempt>}, sent as an input. */
  public static final String WORKFLOW_DISPATCH_ID = "workflowDispatchId";
  public static final String WORKFLOW_RUN_ID = "workflowRunId";
  public static final String WORKFLOW_DISPATCHED_AT = "workflowDispatchedAt";
  public static final String WORKFLOW_REF = "workflowRef";
  public static final String WORKFLOW_HEAD_SHA = "workflowHeadSha";

  // Observe workflow run
  public static final String WORKFLOW_RUN_STATUS = "workflowRunStatus";
  public static final String WORKFLOW_RUN_CONCLUSION = "workflowRunConclusion";
  public static final String WORKFLOW_RUN_URL = "workflowRunUrl";
  public static final String WORKFLOW_RUN_VERDICT = "workflowRunVerdict";
  public static final String WORKFLOW_RUN_FAILURE = "workflowRunFailure";
  public static final String WORKFLOW_RUN_DEADLINE = "workflowRunDeadline";
  public static final String WORKFLOW_RUN_POLL_INTERVAL = "workflowRunPollInterval";

  // Rate limit: the time the failed step may run again (a timer in the model waits for it)
  public static final String GITHUB_RETRY_AT = "githubRetryAt";
  /** The step that hit the rate limit: the model resumes there once the limit resets. */
  public static final String GITHUB_RATE_LIMITED_STEP = "githubRateLimitedStep";


  private GitHubVariables() {}
}
