package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Replace container": the service's container now runs the deploy's image; idempotent by deploy id. */
@Component
public class ReplaceContainerDelegate implements JavaDelegate {

  private final ContainerService containers;

  public ReplaceContainerDelegate(ContainerService containers) {
    this.containers = containers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String host = (String) execution.getVariable(CANARY_HOST);
    String service = (String) execution.getVariable(SERVICE);
    Map<String, String> labels = Map.of(
        "mcd.gastown-ref", (String) execution.getVariable(GASTOWN_REF),
        "mcd.gtruntime-ref", (String) execution.getVariable(GTRUNTIME_REF),
        "mcd.requested-by", (String) execution.getVariable(REQUESTER));
    try {
      ContainerRef container = containers.replaceContainer(host, service,
          (String) execution.getVariable(DEPLOY_IMAGE), execution.getProcessBusinessKey(), labels);
      execution.setVariable(CONTAINER_ID, container.id());
      execution.setVariable(CONTAINER_NAME, container.name());
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), e.evidence());
    }
  }
}
