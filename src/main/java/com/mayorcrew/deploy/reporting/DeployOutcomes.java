package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Why a deploy ends without success, in words for the metadata, the status report and auditors. Called from the
 * model's flows as expression listeners, e.g. {@code ${deployOutcomes.aborted(execution, 'mayor')}}.
 * <p>Public: the model calls its methods by expression, which needs a public class.
 */
@Component("deployOutcomes")
public class DeployOutcomes {

  public void aborted(DelegateExecution execution, String tier) {
    DeployContext deploy = DeployContext.of(execution);
    String note = deploy.text("humans".equals(tier) ? HUMAN_NOTE : MAYOR_NOTE);
    deploy.set(FAILURE_REASON, "aborted by the " + tier + " after " + deploy.text(ESCALATION_REASON)
        + (note.isBlank() ? "" : ": " + note));
  }

  public void productionRefused(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String note = deploy.text(APPROVAL_NOTE);
    deploy.set(FAILURE_REASON, "production deploy refused by the humans" + (note.isBlank() ? "" : ": " + note));
  }

  public void approvalTimedOut(DelegateExecution execution) {
    DeployContext.of(execution).set(FAILURE_REASON,
        "production deploy refused: no human approved it before the deadline");
  }

  public void abortedAfterFault(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    deploy.set(FAILURE_REASON, "aborted by the mayor after a technical fault at " + deploy.text(FAULT_STEP) + ": "
        + deploy.text(FAULT_MESSAGE));
  }
}
