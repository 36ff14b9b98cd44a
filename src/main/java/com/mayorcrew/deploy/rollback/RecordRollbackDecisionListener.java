package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * On the "roll back" flows of the mayor's and the humans' decisions, as the expression listener
 * {@code ${recordRollbackDecisionListener.record(execution, 'mayor')}}: the decision and its note are the reason.
 * <p>Public: the model calls its methods by expression, which needs a public class.
 */
@Component
public class RecordRollbackDecisionListener {

  public void record(DelegateExecution execution, String tier) {
    DeployContext deploy = DeployContext.of(execution);
    boolean human = "humans".equals(tier);
    String note = deploy.text(human ? HUMAN_NOTE : MAYOR_NOTE);
    deploy.set(ROLLBACK_REASON, "the " + tier + " decided to roll back after " + deploy.text(ESCALATION_REASON)
        + (note.isBlank() ? "" : ": " + note));
  }
}
