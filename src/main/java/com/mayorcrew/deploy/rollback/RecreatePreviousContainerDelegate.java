package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.escalation.EscalationReason;
import com.mayorcrew.deploy.escalation.Escalations;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Recreate previous container": the service's container runs the image recorded for THIS deploy before it
 * replaced anything (never a state file), with the same configuration. Health is then verified like a deploy's.
 * Nothing to undo when the deploy never replaced the container.
 */
@Component
public class RecreatePreviousContainerDelegate implements JavaDelegate {

  /** Rollback containers carry their own deploy-id label, so that a retry reuses them and abort keeps them. */
  public static final String ROLLBACK_SUFFIX = ".rollback";

  private final ContainerService containers;

  public RecreatePreviousContainerDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (execution.getVariable(CONTAINER_ID) == null) {
      execution.setVariable(ROLLBACK_NEEDED, false);
      return;
    }
    String host = (String) execution.getVariable(CANARY_HOST);
    String service = (String) execution.getVariable(SERVICE);
    String previousImage = (String) execution.getVariable(PREVIOUS_IMAGE);
    if (previousImage == null || previousImage.isBlank()) {
      throw Escalations.raise(execution, EscalationReason.ROLLBACK_FAILED,
          "no previous image was recorded for this deploy: it is the first " + service + " container on " + host
              + "; container " + execution.getVariable(CONTAINER_NAME) + " was left as it is",
          String.valueOf(execution.getVariable(ROLLBACK_REASON)));
    }
    try {
      ContainerRef container = containers.replaceContainer(host, service, previousImage,
          execution.getProcessBusinessKey() + ROLLBACK_SUFFIX, Map.of("mcd.rollback-of", execution.getProcessBusinessKey()));
      execution.setVariable(CONTAINER_ID, container.id());
      execution.setVariable(CONTAINER_NAME, container.name());
      execution.setVariable(ROLLBACK_NEEDED, true);
      execution.removeVariable(HEALTH_DEADLINE);
      execution.removeVariable(HEALTH_PASSES);
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.ROLLBACK_FAILED, "rollback to " + previousImage
          + " failed: " + e.getMessage(), null);
    }
  }
}
