package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * On the mayor's "retry" flow: resume at the step that failed, and start health verification afresh (a new
 * deadline and pass count) if that step is reached again.
 */
@Component
public class PrepareRetryListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(RESUME_AT, execution.getVariable(ESCALATION_STEP));
    execution.removeVariable(HEALTH_DEADLINE);
    execution.removeVariable(HEALTH_PASSES);
  }
}
