package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.docker.ContainerService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Clean up deploy": an aborted deploy leaves no container of its own, found by its deploy-id label on the
 * daemon (never by a remembered container id), and a previous container that an interrupted replacement set
 * aside is put back. A rolled-back (previous) container carries a different deploy-id label and stays. A deploy
 * that never decided its image never reached a step that changes the host, so its host (perhaps unreachable) is
 * not asked. When the humans' deadline chose "abort, leave the host as it is", nothing is touched.
 */
@Component
class CleanUpDeployDelegate implements JavaDelegate {

  private final ContainerService containers;

  public CleanUpDeployDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    if (deploy.leaveHostAsIs() || deploy.deployImage().isEmpty()) {
      return;
    }
    containers.via(deploy.dockerAccess()).removeDeployContainers(deploy.canaryHost(),
        deploy.service(), deploy.environment(), deploy.deployId());
  }
}
