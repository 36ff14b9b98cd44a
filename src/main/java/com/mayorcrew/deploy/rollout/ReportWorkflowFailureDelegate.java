package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.GitHubVariables.*;

import com.mayorcrew.deploy.context.BpmnErrors;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Report workflow failure": a run that failed, was cancelled or timed out goes to the mayor with its URL and
 * failing jobs; a retry dispatches the workflow again.
 */
@Component
class ReportWorkflowFailureDelegate implements JavaDelegate {

  static final String DISPATCH_STEP = "Task_DispatchWorkflow";

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String failure = deploy.text(WORKFLOW_RUN_FAILURE);
    // Escalated as the dispatch's: the mayor's retry dispatches the workflow again.
    deploy.recordEscalation(EscalationReason.EXECUTION_FAILED, DISPATCH_STEP, "Dispatch workflow",
        "workflow run " + deploy.text(WORKFLOW_RUN_ID) + " did not succeed: " + failure,
        "Run: " + deploy.text(WORKFLOW_RUN_URL));
    throw new BpmnError(BpmnErrors.ESCALATE, EscalationReason.EXECUTION_FAILED.name() + ": " + failure);
  }
}
