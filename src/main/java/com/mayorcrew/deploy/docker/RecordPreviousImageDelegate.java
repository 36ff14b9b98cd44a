package com.mayorcrew.deploy.docker;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import com.mayorcrew.deploy.escalation.EscalationReason;
import com.mayorcrew.deploy.escalation.Escalations;
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
