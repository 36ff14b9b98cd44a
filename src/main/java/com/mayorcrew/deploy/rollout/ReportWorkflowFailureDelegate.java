package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.context.GitHubSteps;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Report workflow failure": a run that failed, was cancelled or timed out goes to the mayor with its URL and
 * failing jobs; a retry dispatches the workflow again.
 */
@Component
public class ReportWorkflowFailureDelegate implements JavaDelegate {

  static final String DISPATCH_STEP = "Task_DispatchWorkflow";

  @Override
  public void execute(DelegateExecution execution) {
    throw GitHubSteps.workflowRunFailed(execution, DISPATCH_STEP, "Dispatch workflow");
  }
}
