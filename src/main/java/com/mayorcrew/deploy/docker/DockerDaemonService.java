package com.mayorcrew.deploy.docker;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import org.springframework.stereotype.Component;

/** Who answers at a canary host's Docker endpoint. */
@Component
public class DockerDaemonService {

  private final DockerClients clients;

  public DockerDaemonService(DockerClients clients) {
    this.clients = clients;
  }

  /** Pings the daemon, then reads its version and info; throws {@link DockerUnavailableException} when unreachable. */
  public DaemonIdentity identify(String hostName) {
    return clients.execute(hostName, docker -> {
      docker.pingCmd().exec();
      Version version = docker.versionCmd().exec();
      Info info = docker.infoCmd().exec();
      return new DaemonIdentity(
          info.getName(), info.getId(), version.getVersion(), version.getApiVersion(), info.getOperatingSystem());
    });
  }
}
