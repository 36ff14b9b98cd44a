package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.docker.DaemonVersion;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check Docker daemon": ping and version of the canary host's daemon through its configured endpoint. */
@Component
class CheckDockerDaemonDelegate implements JavaDelegate {

  private final DockerDaemonService daemons;

  public CheckDockerDaemonDelegate(DockerDaemonService daemons) {
    this.daemons = daemons;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    DaemonVersion daemon = deploy.onDocker(() -> daemons.via(deploy.dockerAccess()).version(deploy.canaryHost()));
    deploy.set(DOCKER_VERSION, daemon.serverVersion() + " (API " + daemon.apiVersion() + ")");
  }
}
