package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Recreate previous container": the service's container runs the image recorded for THIS deploy before it
 * replaced anything (never a state file), with the same configuration. Health is then verified like a deploy's.
 * What the deploy changed is read from the daemon, by the deploy's labels, not from variables, so a rollback after
 * a crash or an interrupted replacement finds it. Nothing to undo when the deploy never got as far as deciding its
 * image, or the host holds nothing of it.
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
    String host = (String) execution.getVariable(CANARY_HOST);
    String service = (String) execution.getVariable(SERVICE);
    String deployId = execution.getProcessBusinessKey();
    String previousImage = (String) execution.getVariable(PREVIOUS_IMAGE);
    try {
      if (execution.getVariable(DEPLOY_IMAGE) == null
          || !containers.changedBy(host, service, deployId, deployId + ROLLBACK_SUFFIX)) {
        execution.setVariable(ROLLBACK_NEEDED, false);
        return;
      }
      if (previousImage == null || previousImage.isBlank()) {
        throw Escalations.raise(execution, EscalationReason.ROLLBACK_FAILED,
            "no previous image was recorded for this deploy: it is the first " + service + " container on " + host
                + "; its containers were left as they are",
            String.valueOf(execution.getVariable(ROLLBACK_REASON)));
      }
      ContainerRef container = containers.replaceContainer(host, service, previousImage,
          deployId + ROLLBACK_SUFFIX, Map.of("mcd.rollback-of", deployId));
      execution.setVariable(CONTAINER_ID, container.id());
      execution.setVariable(CONTAINER_NAME, container.name());
      execution.setVariable(ROLLBACK_NEEDED, true);
      execution.removeVariable(HEALTH_DEADLINE);
      execution.removeVariable(HEALTH_PASSES);
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.ROLLBACK_FAILED, "rollback to "
          + (previousImage == null ? "the previous image" : previousImage) + " failed: " + e.getMessage(),
          e.evidence());
    }
  }
}
