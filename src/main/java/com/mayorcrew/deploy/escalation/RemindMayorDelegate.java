package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Remind the mayor": the escalation is half-way to its deadline; counted, logged and visible in history. */
@Component
class RemindMayorDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RemindMayorDelegate.class);

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    deploy.set(MAYOR_REMINDERS, deploy.get(MAYOR_REMINDERS, Integer.class).orElse(0) + 1);
    LOG.warn("Deploy {}: escalation {} at {} still waits for the mayor; it goes to the humans at its deadline",
        deploy.deployId(), deploy.text(ESCALATION_REASON), deploy.text(ESCALATION_STEP_NAME));
  }
}
