package com.mayorcrew.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.DeployProperties;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerClientsTest {

  @TempDir Path tempDir;

  private static DockerClients clientsFor(String hostName, DeployProperties.Host host) {
    return new DockerClients(new DeployProperties(Map.of(hostName, host), Map.of(), Path.of("target/logs"), null, null));
  }

  @Test
  void oneClientPerHostIsCached() {
    DockerClients clients = clientsFor("local", DockerEngineFixture.host(DockerEngineFixture.dockerHost()));
    try {
      assertThat(clients.forHost("local")).isSameAs(clients.forHost("local"));
    } finally {
      clients.close();
    }
  }

  @Test
  void theWarmUpSkipsADaemonThatIsNotThereAndNeverFails() {
    Map<String, DeployProperties.Host> hosts = new LinkedHashMap<>();
    hosts.put("gone", DockerEngineFixture.host("unix://" + tempDir.resolve("no-daemon.sock")));
    hosts.put("local", DockerEngineFixture.host(DockerEngineFixture.dockerHost()));
    hosts.put("local-too", DockerEngineFixture.host(DockerEngineFixture.dockerHost()));
    DockerClients clients = new DockerClients(new DeployProperties(hosts, Map.of(), Path.of("target/logs"), null, null));
    try {
      // the daemon that answered, once per endpoint, names every host that shares it
      assertThat(clients.warmUp(Duration.ofSeconds(5))).containsExactly("local", "local-too");
      String apiVersion = clients.execute("local", null, docker -> docker.versionCmd().exec().getApiVersion());
      assertThat(apiVersion).isNotBlank();
    } finally {
      clients.close();
    }
  }

  @Test
  void anUnknownSchemeIsRejectedNamingTheHostAndTheAcceptedForms() {
    DockerClients clients = clientsFor("odd", DockerEngineFixture.host("http://127.0.0.1:2375"));

    assertThatThrownBy(() -> clients.forHost("odd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host 'odd'")
        .hasMessageContaining("http://127.0.0.1:2375")
        .hasMessageContaining("unix:///path, tcp://host:port or ssh://user@host[:port][/remote/socket]");
  }

  @Test
  void tlsWithoutCertificatesIsRejected() {
    DeployProperties.Host host = new DeployProperties.Host("tcp://127.0.0.1:18199", true, tempDir, null, null, null, null,
        Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMinutes(4), null, null);
    DockerClients clients = clientsFor("tls", host);

    assertThatThrownBy(() -> clients.forHost("tls"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host 'tls'")
        .hasMessageContaining("ca.pem, cert.pem, key.pem");
  }

  @Test
  void theSshTunnelIsAnArgvForwardingAPrivateSocketToTheRemoteDaemon() {
    Path socket = Path.of("/tmp/mcd-ssh-1/docker.sock");

    assertThat(SshTunnel.command(URI.create("ssh://deploy@canary.example:2222"), socket, Duration.ofSeconds(3), null, null))
        .containsExactly("ssh", "-nNT", "-o", "ExitOnForwardFailure=yes",
            "-L", "/tmp/mcd-ssh-1/docker.sock:/var/run/docker.sock", "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=3", "-p", "2222", "--", "deploy@canary.example");
    assertThat(SshTunnel.command(URI.create("ssh://canary.example"), socket, Duration.ofSeconds(3), null, null))
        .endsWith("--", "canary.example")
        .doesNotContain("-p");
  }

  @Test
  void anSshEndpointsPathIsTheRemoteSocketAndItsKeysCanBeConfigured() {
    assertThat(SshTunnel.command(URI.create("ssh://root@127.0.0.1:2222/tmp/d/docker.sock"), Path.of("/tmp/s"),
        Duration.ofSeconds(3), Path.of("/keys/id"), Path.of("/keys/known_hosts")))
        .contains("/tmp/s:/tmp/d/docker.sock", "-i", "/keys/id", "IdentitiesOnly=yes",
            "UserKnownHostsFile=/keys/known_hosts");
  }

  @Test
  void anSshDestinationStartingWithADashIsNotReadAsAnOption() {
    List<String> command = SshTunnel.command(
        URI.create("ssh://-oProxyCommand=touch@canary.example"), Path.of("/tmp/s"), Duration.ofSeconds(3), null, null);

    assertThat(command.subList(command.size() - 2, command.size()))
        .containsExactly("--", "-oProxyCommand=touch@canary.example");
  }

  @Test
  void dialStdioIsAnArgvRunningDockerOnTheRemoteHostAsTheLoginUserOrUnderSudo() {
    URI endpoint = URI.create("ssh://deploy@canary.example:2222/run/user/1000/docker.sock");

    assertThat(DialStdioProxy.sshCommand(endpoint, true, Duration.ofSeconds(3), Path.of("/keys/id"), null))
        .containsExactly("ssh", "-T", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "-i", "/keys/id",
            "-o", "IdentitiesOnly=yes", "-p", "2222", "--", "deploy@canary.example",
            "sudo", "-n", "docker", "-H", "unix:///run/user/1000/docker.sock", "system", "dial-stdio");
    assertThat(DialStdioProxy.sshCommand(URI.create("ssh://deploy@canary.example"), false, Duration.ofSeconds(3),
        null, null)).endsWith("--", "deploy@canary.example", "docker", "system", "dial-stdio");
    assertThat(DialStdioProxy.localSudoCommand("/var/run/docker.sock"))
        .containsExactly("sudo", "-n", "docker", "-H", "unix:///var/run/docker.sock", "system", "dial-stdio");
  }

  @Test
  void aRemoteSocketPathThatTheRemoteShellWouldSplitIsRefused() {
    assertThatThrownBy(() -> DialStdioProxy.sshCommand(URI.create("ssh://deploy@canary.example/tmp/d.sock;reboot"),
        true, Duration.ofSeconds(3), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the remote socket path may only hold");
  }
}
