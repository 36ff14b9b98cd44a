package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the mayor's "retry" flow: resume at the step that failed, and start health verification afresh (a new
 * deadline and pass count) if that step is reached again.
 */
@Component
class PrepareRetryListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    deploy.set(RESUME_AT, deploy.text(ESCALATION_STEP));
    deploy.restartHealthVerification();
  }
}
