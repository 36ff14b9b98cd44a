package com.mayorcrew.deploy.rollout;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record deployed container" (workflow mode): the run's job replaced the service's container on the canary host;
 * that container and its image are the deploy's from here on, for health verification, rollback, metadata and the
 * crew. A run that left the host as it was deployed nothing here, and goes to the mayor.
 */
@Component
class RecordDeployedContainerDelegate implements JavaDelegate {

  private final ContainerService containers;

  RecordDeployedContainerDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String host = deploy.canaryHost();
    String service = deploy.service();
    ContainerRef container = deploy.onDocker(() -> containers.via(deploy.dockerAccess())
            .currentContainer(host, service, deploy.environment()))
        .filter(current -> !deploy.previousContainerId().orElse("").equals(current.id()))
        .orElseThrow(() -> deploy.escalate(EscalationReason.EXECUTION_FAILED,
            "the workflow run succeeded but did not replace the " + service + " container on " + host,
            "Container before the run: " + deploy.previousContainerId().filter(id -> !id.isEmpty()).orElse("none")
                + ". Check that the workflow deploys to this host."));
    deploy.deployImage(container.image());
    deploy.container(container.id(), container.name());
  }
}
