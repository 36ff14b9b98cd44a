package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.ImageReferences;
import com.mayorcrew.deploy.docker.ImageUnavailableException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Prepare image": decides the image reference and pulls it when the host does not have it. */
@Component
class PrepareImageDelegate implements JavaDelegate {

  private final ContainerService containers;
  private final DeployProperties properties;

  public PrepareImageDelegate(ContainerService containers, DeployProperties properties) {
    this.containers = containers;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String image = ImageReferences.forDeploy(properties.service(deploy.service()),
        deploy.requestedImage().orElse(null), deploy.pinnedCommit());
    deploy.deployImage(image);
    try {
      deploy.onDocker(() -> containers.via(deploy.dockerAccess()).ensureImage(deploy.canaryHost(), image));
    } catch (ImageUnavailableException e) {
      throw deploy.escalate(EscalationReason.IMAGE_UNAVAILABLE, e.getMessage(), null);
    }
  }
}
