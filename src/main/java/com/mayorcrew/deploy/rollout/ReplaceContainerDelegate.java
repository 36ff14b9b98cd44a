package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.scripts.ScriptStateFiles;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Replace container": the service's container now runs the deploy's image; idempotent by deploy id. */
@Component
class ReplaceContainerDelegate implements JavaDelegate {

  private final ContainerService containers;
  private final ScriptStateFiles scriptState;

  public ReplaceContainerDelegate(ContainerService containers, ScriptStateFiles scriptState) {
    this.containers = containers;
    this.scriptState = scriptState;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    Map<String, String> labels = Map.of(
        "mcd.gastown-ref", deploy.gastownRef(),
        "mcd.gtruntime-ref", deploy.gtruntimeRef(),
        "mcd.requested-by", deploy.requester());
    String image = deploy.deployImage().orElseThrow();
    // canary-rollback.sh restores what ran before, also while this replacement is under way
    scriptState.record(new ScriptStateFiles.DeployState(deploy.deployId(), deploy.service(), deploy.environment(),
        image, deploy.previousImage().orElse(""), "", "in_progress"));
    ContainerRef container = deploy.onDocker(() -> containers.via(deploy.dockerAccess())
        .replaceContainer(deploy.canaryHost(), deploy.service(), deploy.environment(), image, deploy.deployId(), labels));
    deploy.container(container.id(), container.name());
  }
}
