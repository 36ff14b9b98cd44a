package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Abort on the fault deadline": nobody resolved a technical fault in time. The safe default ends the deploy as
 * failed and releases its host, but touches no container: what the failed step left on the daemon may be the
 * only running service (e.g. a healthy new container whose metadata could not be written), and removing it is a
 * person's decision. The model then takes the same path as the mayor's "abort" (clean-up honours
 * {@code leaveHostAsIs}).
 */
@Component
class AbortOnFaultDeadlineDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    deploy.set(LEAVE_HOST_AS_IS, true);
    deploy.set(FAILURE_REASON, "technical fault at " + deploy.text(FAULT_STEP)
        + " not resolved before its deadline: aborted, host left as it is (" + deploy.text(FAULT_MESSAGE) + ")");
  }
}
