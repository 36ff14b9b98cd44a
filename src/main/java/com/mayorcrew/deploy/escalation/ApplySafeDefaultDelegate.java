package com.mayorcrew.deploy.escalation;
import com.mayorcrew.deploy.context.EscalationReason;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Apply the safe default": the humans' deadline passed. Roll back when there is a previous image to go back to;
 * otherwise abort and leave the host as it is. Never continue.
 */
@Component
public class ApplySafeDefaultDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    Object previousImage = execution.getVariable(PREVIOUS_IMAGE);
    boolean canRollBack = previousImage instanceof String image && !image.isBlank()
        && !EscalationReason.ROLLBACK_FAILED.name().equals(execution.getVariable(ESCALATION_REASON));
    execution.setVariable(HUMAN_DECISION, canRollBack ? "rollback" : "abort");
    execution.setVariable(LEAVE_HOST_AS_IS, !canRollBack);
    execution.setVariable(HUMAN_NOTE, "no decision before the humans' deadline: safe default "
        + (canRollBack ? "roll back to " + previousImage : "abort, host left as it is"));
  }
}
