package com.mayorcrew.deploy.docker;

import static com.mayorcrew.deploy.docker.DockerEngineFixture.HEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.DeployProperties.DockerAccess;
import com.mayorcrew.deploy.docker.DockerUnavailableException.Kind;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request's dockerAccess against the real test daemon, through the real sshd that src/test/scripts/sshd.sh
 * starts (its users: mcd-sudo with a sudo rule for docker, mcd-group in the socket's group, mcd-denied with
 * neither): sudo and group over ssh by {@code docker system dial-stdio}, sudo on the local socket, and permission
 * denied told apart from unreachable.
 */
class DockerAccessTest {

  private static final String SERVICE = "access";
  private static final String SOCKET_PATH = DockerEngineFixture.dockerHost().substring("unix://".length());
  private static Path sshDir;
  private static int sshPort;
  private static int closedPort;
  private static String daemonName;
  private static DockerClients clients;
  private static DeployProperties properties;
  private static String containerName;

  @BeforeAll
  static void hosts() throws IOException {
    String port = System.getenv("MCD_TEST_SSH_PORT");
    if (port == null) {
      throw new IllegalStateException("no test sshd: run `source src/test/scripts/sshd.sh` first (run-tests.sh does)");
    }
    sshPort = Integer.parseInt(port);
    sshDir = Path.of(System.getenv("MCD_TEST_SSH_DIR"));
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    containerName = DockerEngineFixture.containerName("access");
    properties = new DeployProperties(Map.of(
        "local", DockerEngineFixture.host(DockerEngineFixture.dockerHost()),
        "local-sudo", host(DockerEngineFixture.dockerHost(), "client_key", DockerAccess.SUDO),
        "ssh-sudo", ssh("mcd-sudo", sshPort, "client_key", DockerAccess.SUDO),
        "ssh-group", ssh("mcd-group", sshPort, "client_key", DockerAccess.GROUP, DockerAccess.SOCKET),
        "ssh-denied", ssh("mcd-denied", sshPort, "client_key", DockerAccess.SUDO, DockerAccess.GROUP),
        "ssh-stranger", ssh("mcd-group", sshPort, "stranger_key", DockerAccess.GROUP),
        "ssh-closed", ssh("mcd-sudo", closedPort, "client_key", DockerAccess.SUDO)),
        Map.of(SERVICE, DockerEngineFixture.service(containerName, 18287).build()), Path.of("target/logs"),
        null, null);
    clients = new DockerClients(properties);
    daemonName = new DockerDaemonService(clients).identify("local").name();
  }

  @AfterAll
  static void close() {
    new ContainerService(clients, properties, DockerEngineFixture.secrets(Map.of())).removeContainer("local",
        containerName);
    clients.close();
  }

  private static DeployProperties.Host ssh(String user, int port, String key, DockerAccess... offered) {
    return host("ssh://" + user + "@127.0.0.1:" + port + SOCKET_PATH, key, offered);
  }

  private static DeployProperties.Host host(String endpoint, String key, DockerAccess... offered) {
    return new DeployProperties.Host(endpoint, false, null, sshDir.resolve(key), sshDir.resolve("known_hosts"),
        null, null, Duration.ofSeconds(3), Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMinutes(1),
        null, List.of(offered));
  }

  @Test
  void sudoOverSshRunsTheServicesContainerThroughDialStdioProcesses() {
    ContainerService containers = new ContainerService(clients, properties, DockerEngineFixture.secrets(Map.of()))
        .via(DockerAccess.SUDO);

    ContainerRef started = containers.replaceContainer("ssh-sudo", SERVICE, "canary", HEALTHY, "itd-" + UUID.randomUUID(),
        Map.of());

    assertThat(containers.currentContainer("ssh-sudo", SERVICE, "canary")).map(ContainerRef::id).contains(started.id());
    assertThat(clients.forHost("local").inspectContainerCmd(started.id()).exec().getState().getRunning()).isTrue();
    assertThat(new DockerDaemonService(clients).via(DockerAccess.SUDO).identify("ssh-sudo").name())
        .isEqualTo(daemonName);
    assertThat(dialStdioProcesses()).anySatisfy(command -> assertThat(command).endsWith(
        " -- mcd-sudo@127.0.0.1 sudo -n docker -H unix://" + SOCKET_PATH + " system dial-stdio"));
  }

  @Test
  void groupOverSshAndTheForwardedSocketReachTheDaemonAsTheLoginUser() {
    DockerDaemonService daemons = new DockerDaemonService(clients);

    assertThat(daemons.via(DockerAccess.GROUP).identify("ssh-group").name()).isEqualTo(daemonName);
    assertThat(daemons.via(DockerAccess.SOCKET).identify("ssh-group").name()).isEqualTo(daemonName);
    assertThat(daemons.identify("ssh-group").name()).as("the host's first access").isEqualTo(daemonName);
  }

  @Test
  void sudoOnALocalSocketRunsDialStdioOnThisMachine() {
    assertThat(new DockerDaemonService(clients).via(DockerAccess.SUDO).identify("local-sudo").name())
        .isEqualTo(daemonName);
  }

  @Test
  void aLoginUserWithoutASudoRuleOrTheSocketsGroupIsPermissionDenied() {
    DockerDaemonService daemons = new DockerDaemonService(clients);

    assertThatThrownBy(() -> daemons.via(DockerAccess.SUDO).identify("ssh-denied"))
        .isInstanceOfSatisfying(DockerUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
          assertThat(e.getMessage()).contains("via sudo): permission denied: sudo: a password is required");
          assertThat(e.evidence()).contains("what to do: grant the access");
        });
    assertThatThrownBy(() -> daemons.via(DockerAccess.GROUP).identify("ssh-denied"))
        .isInstanceOfSatisfying(DockerUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
          assertThat(e.getMessage()).contains("via group): permission denied: ")
              .contains("dial unix " + SOCKET_PATH + ": connect: permission denied (ssh exited with 1)");
        });
  }

  @Test
  void aKeyTheHostDoesNotAuthorizeIsPermissionDenied() {
    assertThatThrownBy(() -> new DockerDaemonService(clients).via(DockerAccess.GROUP).identify("ssh-stranger"))
        .isInstanceOfSatisfying(DockerUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.PERMISSION_DENIED);
          assertThat(e.getMessage()).contains("Permission denied (publickey)");
        });
  }

  @Test
  void aClosedSshPortIsUnreachable() {
    assertThatThrownBy(() -> new DockerDaemonService(clients).via(DockerAccess.SUDO).identify("ssh-closed"))
        .isInstanceOfSatisfying(DockerUnavailableException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
          assertThat(e.getMessage()).contains("unreachable: ").contains("Connection refused");
          assertThat(e.evidence()).contains("what to do: bring the daemon back");
        });
  }

  @Test
  void anAccessTheHostDoesNotOfferIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> new DockerDaemonService(clients).via(DockerAccess.SUDO).identify("ssh-group"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("host 'ssh-group' does not offer docker access sudo; it offers [group, socket] "
            + "(mcd.hosts.ssh-group.docker-access)");
  }

  @Test
  void closingTheClientsEndsEveryDialStdioProcess() throws Exception {
    DockerClients own = new DockerClients(properties);
    // other application contexts in this JVM follow their hosts' events through dial-stdio processes of their own
    Set<Long> before = Set.copyOf(dialStdioPids("mcd-group@"));
    new DockerDaemonService(own).via(DockerAccess.GROUP).identify("ssh-group");
    List<Long> mine = dialStdioPids("mcd-group@").stream().filter(pid -> !before.contains(pid)).toList();
    assertThat(mine).isNotEmpty();

    own.close();

    assertThat(mine).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
  }

  private static List<String> dialStdioProcesses() {
    return ProcessHandle.current().children()
        .map(child -> child.info().commandLine().orElse(""))
        .filter(command -> command.contains("dial-stdio"))
        .toList();
  }

  private static List<Long> dialStdioPids(String login) {
    return ProcessHandle.current().children()
        .filter(child -> child.info().commandLine().orElse("").contains("dial-stdio"))
        .filter(child -> child.info().commandLine().orElse("").contains(login))
        .map(ProcessHandle::pid)
        .toList();
  }
}
