package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Replace container": the service's container now runs the deploy's image; idempotent by deploy id. */
@Component
class ReplaceContainerDelegate implements JavaDelegate {

  private final ContainerService containers;

  public ReplaceContainerDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    Map<String, String> labels = Map.of(
        "mcd.gastown-ref", deploy.gastownRef(),
        "mcd.gtruntime-ref", deploy.gtruntimeRef(),
        "mcd.requested-by", deploy.requester());
    ContainerRef container = deploy.onDocker(() -> containers.via(deploy.dockerAccess()).replaceContainer(deploy.canaryHost(), deploy.service(),
        deploy.deployImage().orElseThrow(), deploy.deployId(), labels));
    deploy.container(container.id(), container.name());
  }
}
