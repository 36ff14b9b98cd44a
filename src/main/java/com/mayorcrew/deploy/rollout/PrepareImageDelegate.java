package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.docker.ImageReferences;
import com.mayorcrew.deploy.docker.ImageUnavailableException;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Prepare image": decides the image reference and pulls it when the host does not have it. */
@Component
public class PrepareImageDelegate implements JavaDelegate {

  private final ContainerService containers;
  private final DeployProperties properties;

  public PrepareImageDelegate(ContainerService containers, DeployProperties properties) {
    this.containers = containers;
    this.properties = properties;
  }

  /** The commit the deploy was pinned to by "Resolve refs", else the requested SHA. */
  private static String pinnedCommit(DelegateExecution execution) {
    Object sha = execution.getVariable(com.mayorcrew.deploy.context.GitHubVariables.GASTOWN_SHA);
    return sha != null ? (String) sha : (String) execution.getVariable(GASTOWN_REF);
  }

  @Override
  public void execute(DelegateExecution execution) {
    String host = (String) execution.getVariable(CANARY_HOST);
    String service = (String) execution.getVariable(SERVICE);
    String image = ImageReferences.forDeploy(properties.service(service),
        (String) execution.getVariable(IMAGE), pinnedCommit(execution));
    execution.setVariable(DEPLOY_IMAGE, image);
    try {
      containers.ensureImage(host, image);
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), e.evidence());
    } catch (ImageUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.IMAGE_UNAVAILABLE, e.getMessage(), null);
    }
  }
}
