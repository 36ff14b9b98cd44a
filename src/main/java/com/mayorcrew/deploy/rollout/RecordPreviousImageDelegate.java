package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record previous image": the image of the container running before this deploy, committed in its own step so
 * that a crash while replacing the container cannot lose it. Recorded once per deploy: a retry must not
 * mistake this deploy's own container for the previous one.
 */
@Component
public class RecordPreviousImageDelegate implements JavaDelegate {

  private final ContainerService containers;

  public RecordPreviousImageDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable(PREVIOUS_IMAGE) != null) {
      return;
    }
    String host = (String) execution.getVariable(CANARY_HOST);
    String service = (String) execution.getVariable(SERVICE);
    try {
      execution.setVariable(PREVIOUS_IMAGE, containers.currentImage(host, service).orElse(""));
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), e.evidence());
    }
  }
}
