package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Why a deploy ends without success, in words for the metadata, the status report and auditors. Called from the
 * model's flows as expression listeners, e.g. {@code ${deployOutcomes.aborted(execution, 'mayor')}}.
 */
@Component("deployOutcomes")
public class DeployOutcomes {

  public void aborted(DelegateExecution execution, String tier) {
    Object note = execution.getVariable("humans".equals(tier) ? HUMAN_NOTE : MAYOR_NOTE);
    execution.setVariable(FAILURE_REASON, "aborted by the " + tier + " after " + execution.getVariable(ESCALATION_REASON)
        + (note == null || note.toString().isBlank() ? "" : ": " + note));
  }

  public void productionRefused(DelegateExecution execution) {
    Object note = execution.getVariable(APPROVAL_NOTE);
    execution.setVariable(FAILURE_REASON, "production deploy refused by the humans"
        + (note == null || note.toString().isBlank() ? "" : ": " + note));
  }

  public void approvalTimedOut(DelegateExecution execution) {
    execution.setVariable(FAILURE_REASON, "production deploy refused: no human approved it before the deadline");
  }

  public void abortedAfterFault(DelegateExecution execution) {
    execution.setVariable(FAILURE_REASON, "aborted by the mayor after a technical fault at "
        + execution.getVariable(FAULT_STEP) + ": " + execution.getVariable(FAULT_MESSAGE));
  }
}
