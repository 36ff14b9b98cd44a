package com.mayorcrew.deploy.docker;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Clean up deploy": an aborted deploy leaves no container of its own running. A rolled-back (previous)
 * container carries a different deploy-id label and stays. When the humans' deadline chose "abort, leave the host
 * as it is", nothing is touched.
 */
@Component
public class CleanUpDeployDelegate implements JavaDelegate {

  private final ContainerService containers;

  public CleanUpDeployDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (Boolean.TRUE.equals(execution.getVariable(LEAVE_HOST_AS_IS)) || execution.getVariable(CONTAINER_ID) == null) {
      return;
    }
    String host = (String) execution.getVariable(CANARY_HOST);
    containers.containersOf(host, execution.getProcessBusinessKey())
        .forEach(container -> containers.removeContainer(host, container.id()));
  }
}
