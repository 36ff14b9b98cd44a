package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Apply the safe default": the humans' deadline passed. Roll back when there is a previous image to go back to;
 * otherwise abort and leave the host as it is. Never continue.
 */
@Component
class ApplySafeDefaultDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    Optional<String> previousImage = deploy.previousImage();
    boolean canRollBack = previousImage.isPresent()
        && deploy.escalationReason().filter(EscalationReason.ROLLBACK_FAILED::equals).isEmpty();
    deploy.set(HUMAN_DECISION, canRollBack ? "rollback" : "abort");
    deploy.set(LEAVE_HOST_AS_IS, !canRollBack);
    deploy.set(HUMAN_NOTE, "no decision before the humans' deadline: safe default "
        + (canRollBack ? "roll back to " + previousImage.get() : "abort, host left as it is"));
  }
}
