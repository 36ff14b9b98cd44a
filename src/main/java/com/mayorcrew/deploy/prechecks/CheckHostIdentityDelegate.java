package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.docker.DaemonIdentity;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Check canary host identity": the daemon must be the host the request names, by name or configured ID; records
 * the daemon's name and ID.
 */
@Component
class CheckHostIdentityDelegate implements JavaDelegate {

  private final DockerDaemonService daemons;
  private final DeployProperties properties;

  public CheckHostIdentityDelegate(DockerDaemonService daemons, DeployProperties properties) {
    this.daemons = daemons;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String host = deploy.canaryHost();
    DaemonIdentity daemon = deploy.onDocker(() -> daemons.via(deploy.dockerAccess()).identify(host));
    deploy.set(DAEMON_NAME, daemon.name());
    deploy.set(DAEMON_ID, daemon.id());
    HostIdentityVerifier.mismatch(host, properties.host(host), daemon).ifPresent(reason -> {
      throw deploy.escalate(EscalationReason.HOST_IDENTITY_UNCLEAR, reason,
          "daemon name=" + daemon.name() + ", id=" + daemon.id() + ", os=" + daemon.operatingSystem());
    });
  }
}
