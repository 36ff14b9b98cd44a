package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record previous image": the image of the container running before this deploy, committed in its own step so
 * that a crash while replacing the container cannot lose it. Recorded once per deploy: a retry must not
 * mistake this deploy's own container for the previous one.
 */
@Component
class RecordPreviousImageDelegate implements JavaDelegate {

  private final ContainerService containers;

  public RecordPreviousImageDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    // Recorded once: a retry after the replacement must not record the new image as the previous one.
    if (deploy.previousImageRecorded()) {
      return;
    }
    Optional<ContainerRef> current = deploy.onDocker(() -> containers.via(deploy.dockerAccess())
        .currentContainer(deploy.canaryHost(), deploy.service(), deploy.environment()));
    deploy.previousContainer(current.map(ContainerRef::image).orElse(""), current.map(ContainerRef::id).orElse(""));
  }
}
