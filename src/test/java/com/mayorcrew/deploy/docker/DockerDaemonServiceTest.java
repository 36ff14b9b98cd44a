package com.mayorcrew.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mayorcrew.deploy.config.DeployProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DockerDaemonServiceTest {

  private DockerClients clients;

  @AfterEach
  void closeClients() {
    clients.close();
  }

  private DockerDaemonService daemonAt(String hostName, String endpoint) {
    DeployProperties properties = new DeployProperties(
        Map.of(hostName, DockerEngineFixture.host(endpoint)), Map.of(), Path.of("target/logs"), null, null);
    clients = new DockerClients(properties);
    return new DockerDaemonService(clients);
  }

  @Test
  void identifiesTheLocalDaemon() {
    DockerDaemonService daemon = daemonAt("local", DockerEngineFixture.dockerHost());

    long start = System.nanoTime();
    DaemonVersion version = daemon.version("local");
    DaemonIdentity identity = daemon.identify("local");
    System.out.printf("version (ping+version, incl. client init) and identify (info) %d ms: %s %s%n",
        (System.nanoTime() - start) / 1_000_000, version, identity);

    assertThat(version.serverVersion()).isNotBlank().isEqualTo(identity.serverVersion());
    assertThat(version.apiVersion()).matches("1\\.\\d+");
    assertThat(identity.name()).isNotBlank();
    assertThat(identity.id()).isNotBlank();
    assertThat(identity.operatingSystem()).isNotBlank();
  }

  @Test
  void aMissingUnixSocketIsUnavailableQuickly() {
    String endpoint = "unix:///tmp/mcd-itd-no-such-dir/docker.sock";
    DockerDaemonService daemon = daemonAt("gone", endpoint);

    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> daemon.identify("gone"))
            .isInstanceOfSatisfying(DockerUnavailableException.class, e -> assertThat(e.evidence())
                .isEqualTo("endpoint: " + endpoint + " (host 'gone')\nfailure: socket missing\nwhat to do: "
                    + DockerUnavailableException.Kind.UNREACHABLE.hint()))
            .hasMessage("host 'gone' (" + endpoint + "): unreachable: socket missing"));
  }

  @Test
  void aClosedTcpPortIsUnavailable() {
    String endpoint = "tcp://127.0.0.1:18199";
    DockerDaemonService daemon = daemonAt("closed", endpoint);

    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> daemon.identify("closed"))
            .isInstanceOf(DockerUnavailableException.class)
            .hasMessage("host 'closed' (" + endpoint + "): unreachable: connection refused"));
  }

  @Test
  void anSshEndpointWhoseTunnelCannotOpenIsUnavailable() {
    String endpoint = "ssh://nobody@127.0.0.1:18198";
    DockerDaemonService daemon = daemonAt("remote", endpoint);

    assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
        assertThatThrownBy(() -> daemon.identify("remote"))
            .isInstanceOf(DockerUnavailableException.class)
            .hasMessageStartingWith("host 'remote' (" + endpoint + "): unreachable: ssh tunnel exited with 255")
            .hasMessageContaining("Connection refused"));
  }
}
