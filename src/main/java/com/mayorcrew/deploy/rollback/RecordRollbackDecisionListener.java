package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * On the "roll back" flows of the mayor's and the humans' decisions, as the expression listener
 * {@code ${recordRollbackDecisionListener.record(execution, 'mayor')}}: the decision and its note are the reason.
 */
@Component
public class RecordRollbackDecisionListener {

  public void record(DelegateExecution execution, String tier) {
    boolean human = "humans".equals(tier);
    Object note = execution.getVariable(human ? HUMAN_NOTE : MAYOR_NOTE);
    execution.setVariable(ROLLBACK_REASON, "the " + tier + " decided to roll back after "
        + execution.getVariable(ESCALATION_REASON) + (note == null || note.toString().isBlank() ? "" : ": " + note));
  }
}
