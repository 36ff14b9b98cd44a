package com.mayorcrew.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mayorcrew.deploy.config.DeployProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote endpoint kinds against the real daemon: tcp with mutual TLS (a real TLS endpoint, socat with
 * OpenSSL certificates, in front of the daemon's socket) and ssh (the test sshd of src/test/scripts/sshd.sh on
 * loopback, key login as a member of the socket's group, the tunnel forwarding to the daemon's socket).
 */
class RemoteDockerEndpointsTest {

  @TempDir static Path dir;
  private static final List<Process> SERVERS = new ArrayList<>();
  private static int tlsPort;
  private static int sshPort;
  private static Path sshDir;
  private static String localDaemonName;

  @BeforeAll
  static void startEndpoints() throws Exception {
    String socket = DockerEngineFixture.dockerHost().substring("unix://".length());
    localDaemonName = new DockerDaemonService(clients("local", DockerEngineFixture.host(DockerEngineFixture.dockerHost())))
        .identify("local").name();

    Path tls = Files.createDirectories(dir.resolve("tls"));
    certificateAuthority(tls, "ca");
    certificate(tls, "ca", "server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth");
    certificate(tls, "ca", "client", "extendedKeyUsage=clientAuth");
    Path clientDir = Files.createDirectories(dir.resolve("client"));
    Files.copy(tls.resolve("ca.pem"), clientDir.resolve("ca.pem"));
    Files.copy(tls.resolve("client.pem"), clientDir.resolve("cert.pem"));
    Files.copy(tls.resolve("client-key.pem"), clientDir.resolve("key.pem"));
    tlsPort = freePort();
    SERVERS.add(start("socat", "OPENSSL-LISTEN:" + tlsPort + ",bind=127.0.0.1,reuseaddr,fork,cert=" + tls.resolve("server.pem")
        + ",key=" + tls.resolve("server-key.pem") + ",cafile=" + tls.resolve("ca.pem") + ",verify=1",
        "UNIX-CONNECT:" + socket));
    awaitPort(tlsPort);

    String port = System.getenv("MCD_TEST_SSH_PORT");
    if (port == null) {
      throw new IllegalStateException("no test sshd: run `source src/test/scripts/sshd.sh` first (run-tests.sh does)");
    }
    sshPort = Integer.parseInt(port);
    sshDir = Path.of(System.getenv("MCD_TEST_SSH_DIR"));
  }

  @AfterAll
  static void stopEndpoints() {
    SERVERS.forEach(Process::destroy);
  }

  @Test
  void aTcpEndpointWithMutualTlsReachesTheDaemon() {
    DeployProperties.Host host = new DeployProperties.Host("tcp://127.0.0.1:" + tlsPort, true, dir.resolve("client"),
        null, null, null, null, Duration.ofSeconds(3), Duration.ofSeconds(20),
        Duration.ofSeconds(20), Duration.ofMinutes(4), null, null);

    DockerDaemonService daemons = new DockerDaemonService(clients("tls", host));

    assertThat(daemons.identify("tls").name()).isEqualTo(localDaemonName);
    assertThat(daemons.version("tls").apiVersion()).isNotBlank();
  }

  @Test
  void aTcpEndpointWithoutTlsCannotTalkToATlsDaemon() {
    DeployProperties.Host host = new DeployProperties.Host("tcp://127.0.0.1:" + tlsPort, false, null,
        null, null, null, null, Duration.ofSeconds(3), Duration.ofSeconds(5),
        Duration.ofSeconds(20), Duration.ofMinutes(4), null, null);

    assertThatThrownBy(() -> new DockerDaemonService(clients("plain", host)).identify("plain"))
        .isInstanceOf(DockerUnavailableException.class).hasMessageContaining("host 'plain'");
  }

  @Test
  void anSshEndpointTunnelsToTheDaemonsSocketWithAConfiguredKey() {
    String socket = DockerEngineFixture.dockerHost().substring("unix://".length());
    DeployProperties.Host host = new DeployProperties.Host("ssh://mcd-group@127.0.0.1:" + sshPort + socket, false,
        null, sshDir.resolve("client_key"), sshDir.resolve("known_hosts"), null, null, Duration.ofSeconds(5),
        Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMinutes(4), null, null);
    DockerClients clients = clients("ssh", host);
    try {
      DaemonIdentity daemon = new DockerDaemonService(clients).identify("ssh");
      assertThat(daemon.name()).isEqualTo(localDaemonName);
    } finally {
      clients.close();
    }
  }

  @Test
  void anSshEndpointWithAnUnknownHostKeyIsRefused() {
    DeployProperties.Host host = new DeployProperties.Host("ssh://mcd-group@127.0.0.1:" + sshPort, false, null,
        sshDir.resolve("client_key"), dir.resolve("no_known_hosts"), null, null, Duration.ofSeconds(5),
        Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofMinutes(4), null, null);

    assertThatThrownBy(() -> new DockerDaemonService(clients("stranger", host)).identify("stranger"))
        .isInstanceOf(DockerUnavailableException.class).hasMessageContaining("Host key verification failed");
  }

  private static DockerClients clients(String name, DeployProperties.Host host) {
    return new DockerClients(new DeployProperties(Map.of(name, host), Map.of(), dir, null, null));
  }

  private static void certificateAuthority(Path tls, String name) throws Exception {
    run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=mcd-test-ca",
        "-keyout", tls.resolve(name + "-key.pem").toString(), "-out", tls.resolve(name + ".pem").toString());
  }

  private static void certificate(Path tls, String ca, String name, String extensions) throws Exception {
    Path extFile = tls.resolve(name + ".ext");
    Files.writeString(extFile, extensions + "\n");
    run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name,
        "-keyout", tls.resolve(name + "-key.pem").toString(), "-out", tls.resolve(name + ".csr").toString());
    run("openssl", "x509", "-req", "-days", "2", "-in", tls.resolve(name + ".csr").toString(),
        "-CA", tls.resolve(ca + ".pem").toString(), "-CAkey", tls.resolve(ca + "-key.pem").toString(),
        "-CAcreateserial", "-extfile", extFile.toString(), "-out", tls.resolve(name + ".pem").toString());
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static Process start(String... command) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(Path.of(command[0]).getFileName() + ".log").toFile()).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nothing listens on port " + port);
  }
}
