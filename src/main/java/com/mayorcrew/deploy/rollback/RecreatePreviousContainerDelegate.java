package com.mayorcrew.deploy.rollback;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import java.util.Map;
import java.util.Optional;
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
class RecreatePreviousContainerDelegate implements JavaDelegate {

  /** Rollback containers carry their own deploy-id label, so that a retry reuses them and abort keeps them. */
  public static final String ROLLBACK_SUFFIX = ".rollback";

  private final ContainerService containers;

  public RecreatePreviousContainerDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String host = deploy.canaryHost();
    String service = deploy.service();
    String deployId = deploy.deployId();
    Optional<String> previousImage = deploy.previousImage();
    try {
      if (!hostChanged(deploy, host, service)) {
        deploy.set(ROLLBACK_NEEDED, false);
        return;
      }
      if (previousImage.isEmpty()) {
        throw deploy.escalate(EscalationReason.ROLLBACK_FAILED,
            "no previous image was recorded for this deploy: it is the first " + service + " container on " + host
                + "; its containers were left as they are",
            deploy.text(ROLLBACK_REASON));
      }
      ContainerRef container = containers.via(deploy.dockerAccess()).replaceContainer(host, service,
          deploy.environment(), previousImage.get(),
          deployId + ROLLBACK_SUFFIX, Map.of("mcd.rollback-of", deployId));
      deploy.container(container.id(), container.name());
      deploy.set(ROLLBACK_NEEDED, true);
      deploy.restartHealthVerification();
    } catch (DockerUnavailableException e) {
      throw deploy.escalate(EscalationReason.ROLLBACK_FAILED, "rollback to "
          + previousImage.orElse("the previous image") + " failed: " + e.getMessage(),
          e.evidence());
    }
  }

  /**
   * Whether the deploy changed the host: a container it labelled, one set aside, or (workflow mode, whose runner
   * labels nothing) a service container other than the one recorded before the execution began.
   */
  private boolean hostChanged(DeployContext deploy, String host, String service) {
    if (!deploy.previousImageRecorded()) {
      return false;
    }
    String deployId = deploy.deployId();
    ContainerService onHost = containers.via(deploy.dockerAccess());
    if (onHost.changedBy(host, service, deploy.environment(), deployId, deployId + ROLLBACK_SUFFIX)) {
      return true;
    }
    String now = onHost.currentContainer(host, service, deploy.environment()).map(ContainerRef::id).orElse("");
    return deploy.previousContainerId().map(before -> !before.equals(now)).orElse(deploy.deployImage().isPresent());
  }
}
