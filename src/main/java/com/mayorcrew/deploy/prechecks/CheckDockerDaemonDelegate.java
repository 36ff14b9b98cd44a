package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.docker.DaemonIdentity;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check Docker daemon": ping and version of the canary host's daemon through its configured endpoint. */
@Component
public class CheckDockerDaemonDelegate implements JavaDelegate {

  private final DockerDaemonService daemons;

  public CheckDockerDaemonDelegate(DockerDaemonService daemons) {
    this.daemons = daemons;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String host = (String) execution.getVariable(CANARY_HOST);
    try {
      DaemonIdentity daemon = daemons.identify(host);
      execution.setVariable(DAEMON_NAME, daemon.name());
      execution.setVariable(DAEMON_ID, daemon.id());
      execution.setVariable(DOCKER_VERSION, daemon.serverVersion() + " (API " + daemon.apiVersion() + ")");
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), e.evidence());
    }
  }
}
