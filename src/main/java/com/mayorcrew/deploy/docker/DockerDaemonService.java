package com.mayorcrew.deploy.docker;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.mayorcrew.deploy.config.DeployProperties.DockerAccess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Who answers at a canary host's Docker endpoint. */
@Component
public class DockerDaemonService {

  private final DockerClients clients;
  /** How the daemons are reached; null: each host's default. */
  private final DockerAccess access;

  @Autowired
  public DockerDaemonService(DockerClients clients) {
    this(clients, null);
  }

  private DockerDaemonService(DockerClients clients, DockerAccess access) {
    this.clients = clients;
    this.access = access;
  }

  /** The same service, reaching the daemons through {@code access}. */
  public DockerDaemonService via(DockerAccess access) {
    return new DockerDaemonService(clients, access);
  }

  /** Pings the daemon and reads its version; throws {@link DockerUnavailableException} when unreachable. */
  public DaemonVersion version(String hostName) {
    return clients.execute(hostName, access, docker -> {
      docker.pingCmd().exec();
      Version version = docker.versionCmd().exec();
      return new DaemonVersion(version.getVersion(), version.getApiVersion());
    });
  }

  /** Reads who the daemon says it is (docker info); throws {@link DockerUnavailableException} when unreachable. */
  public DaemonIdentity identify(String hostName) {
    return clients.execute(hostName, access, docker -> {
      Info info = docker.infoCmd().exec();
      return new DaemonIdentity(info.getName(), info.getId(), info.getServerVersion(), info.getOperatingSystem());
    });
  }
}
