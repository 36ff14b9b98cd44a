package com.mayorcrew.deploy.context;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubRateLimitedException;
import com.mayorcrew.deploy.prechecks.CheckOutcome;

import static com.mayorcrew.deploy.context.GitHubVariables.GITHUB_RATE_LIMITED_STEP;
import static com.mayorcrew.deploy.context.GitHubVariables.GITHUB_RETRY_AT;
import static com.mayorcrew.deploy.context.GitHubVariables.RATE_LIMITED_ERROR;

import java.util.Date;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The outcome rules every GitHub step shares: access problems go to the mayor as "repo access blocked", a rate
 * limit becomes {@value GitHubVariables#RATE_LIMITED_ERROR} with {@code githubRetryAt} for the model's timer, and
 * anything else (5xx, I/O) propagates for the engine's retries and then an incident.
 */
public final class GitHubSteps {

  private GitHubSteps() {}

  public static <T> T call(DelegateExecution execution, Supplier<T> call) {
    try {
      return call.get();
    } catch (GitHubRateLimitedException e) {
      execution.setVariable(GITHUB_RETRY_AT, Date.from(e.retryAt()));
      execution.setVariable(GITHUB_RATE_LIMITED_STEP, execution.getCurrentActivityId());
      throw new BpmnError(RATE_LIMITED_ERROR, e.getMessage());
    } catch (GitHubAccessException e) {
      throw Escalations.raise(execution, EscalationReason.REPO_ACCESS_BLOCKED, e.getMessage(),
          "Check the token in the secret named by mcd.github.token-secret (scopes, expiry) and the repositories "
              + "in mcd.github.services.");
    }
  }

  /** The run failed: the mayor decides, and a retry dispatches the workflow again. */
  public static BpmnError workflowRunFailed(DelegateExecution execution, String dispatchStep, String dispatchStepName) {
    String failure = String.valueOf(execution.getVariable(GitHubVariables.WORKFLOW_RUN_FAILURE));
    Escalations.record(execution, EscalationReason.EXECUTION_FAILED, dispatchStep, dispatchStepName,
        "workflow run " + execution.getVariable(GitHubVariables.WORKFLOW_RUN_ID) + " did not succeed: " + failure,
        "Run: " + execution.getVariable(GitHubVariables.WORKFLOW_RUN_URL));
    return new BpmnError(Escalations.ERROR_CODE, EscalationReason.EXECUTION_FAILED.name() + ": " + failure);
  }

  public static BpmnError branchProtectionFailed(DelegateExecution execution, CheckOutcome outcome) {
    return Escalations.raise(execution, EscalationReason.BRANCH_PROTECTION_FAILED, outcome.detail(), outcome.evidence());
  }
}
