package com.mayorcrew.deploy.health;

import static com.mayorcrew.deploy.docker.DockerEngineFixture.HEALTHY;
import static com.mayorcrew.deploy.docker.DockerEngineFixture.LOCAL;
import static com.mayorcrew.deploy.docker.DockerEngineFixture.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.SecretStore;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.DockerEngineFixture;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Observations of real containers on the test engine, the way a deploy's health wait polls them. */
class HealthProbeServiceTest {

  private static final String SERVICE = "app";
  private static final String TOKEN_SECRET = "MCD_ITD_PROBE_TOKEN";
  private static final String TOKEN = "itd-probe-token";
  private static final Duration POLL_LIMIT = Duration.ofSeconds(15);

  private DockerClients clients;
  private ContainerService containers;
  private HealthProbeService probes;
  private String containerName;
  private HttpServer server;

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.stop(0);
    }
    if (containerName != null) {
      containers.removeContainer(LOCAL, containerName);
    }
    if (clients != null) {
      clients.close();
    }
  }

  private ContainerRef run(String image, DockerEngineFixture.ServiceBuilder service) {
    DeployProperties.Service spec = service.build();
    containerName = spec.containerName();
    DeployProperties properties = DockerEngineFixture.properties(Map.of(SERVICE, spec));
    SecretStore secrets = DockerEngineFixture.secrets(Map.of(TOKEN_SECRET, TOKEN));
    clients = new DockerClients(properties);
    containers = new ContainerService(clients, properties, secrets);
    probes = new HealthProbeService(clients, properties, secrets);
    return containers.replaceContainer(LOCAL, SERVICE, "canary", image, "itd-" + UUID.randomUUID(), Map.of());
  }

  /** Observes every 200 ms, as the deploy's timer would, until the condition holds; returns the last observation. */
  private HealthObservation pollUntil(String containerId, Predicate<HealthObservation> condition) {
    long start = System.nanoTime();
    long deadline = start + POLL_LIMIT.toNanos();
    while (true) {
      long observeStart = System.nanoTime();
      HealthObservation observation = probes.observe(LOCAL, SERVICE, "canary", containerId);
      assertThat(Duration.ofNanos(System.nanoTime() - observeStart)).isLessThan(Duration.ofSeconds(3));
      if (condition.test(observation) || System.nanoTime() > deadline) {
        System.out.printf("%s after %d ms: %s%n", containerName, (System.nanoTime() - start) / 1_000_000,
            observation);
        return observation;
      }
      sleep(200);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aHealthyContainerPassesWithinSeconds() {
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("healthy"), 18120)
        .health(DockerEngineFixture.probe("http://127.0.0.1:18120/health", null)));

    HealthObservation observation = pollUntil(container.id(), HealthObservation::passes);

    assertThat(observation.passes()).isTrue();
    assertThat(observation.containerHealth()).isEqualTo("healthy");
    assertThat(observation.probeStatus()).isEqualTo(200);
    assertThat(observation.probeError()).isNull();
    assertThat(observation.failure()).isEmpty();
    assertThat(observation.healthLog()).isNotEmpty().hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void theProbeUrlMayNameTheCanaryHostsAddress() {
    // The local daemon's socket makes the host's address 127.0.0.1; a remote host's comes from its endpoint.
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("byhost"), 18123)
        .health(DockerEngineFixture.probe("http://{host}:18123/health", null)));

    HealthObservation observation = pollUntil(container.id(), HealthObservation::passes);

    assertThat(observation.passes()).isTrue();
    assertThat(observation.probeStatus()).isEqualTo(200);
  }

  @Test
  void anUnhealthyImageIsADefinitiveFailure() {
    ContainerRef container = run(UNHEALTHY,
        DockerEngineFixture.service(DockerEngineFixture.containerName("unhealthy"), 18121));

    HealthObservation observation = pollUntil(container.id(), o -> o.failure().isPresent());

    assertThat(observation.passes()).isFalse();
    assertThat(observation.containerHealth()).isEqualTo("unhealthy");
    assertThat(observation.failure()).hasValueSatisfying(reason -> assertThat(reason).contains("unhealthy"));
    assertThat(observation.healthLog()).isNotEmpty().allMatch("(exit code 1, no output)"::equals);
  }

  @Test
  void theProbeSendsTheBearerTokenFromTheSecretStore() throws Exception {
    List<String> authorizations = new CopyOnWriteArrayList<>();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 18130), 0);
    server.createContext("/api/version", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(authorization));
      exchange.sendResponseHeaders(("Bearer " + TOKEN).equals(authorization) ? 200 : 401, -1);
      exchange.close();
    });
    server.start();
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("token"), 18122)
        .health(DockerEngineFixture.probe("http://127.0.0.1:18130/api/version", TOKEN_SECRET)));

    HealthObservation observation = pollUntil(container.id(), HealthObservation::passes);

    assertThat(observation.passes()).isTrue();
    assertThat(observation.probeStatus()).isEqualTo(200);
    assertThat(authorizations).isNotEmpty().allMatch(("Bearer " + TOKEN)::equals);
    assertThat(observation.toString()).doesNotContain(TOKEN);
  }

  @Test
  void aRejectedProbeDoesNotPass() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 18131), 0);
    server.createContext("/api/version", exchange -> {
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
    });
    server.start();
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("rejected"), 18123)
        .health(DockerEngineFixture.probe("http://127.0.0.1:18131/api/version", TOKEN_SECRET)));

    HealthObservation observation = pollUntil(container.id(), o -> "healthy".equals(o.containerHealth()));

    assertThat(observation.probeStatus()).isEqualTo(401);
    assertThat(observation.probeError()).isEqualTo("HTTP 401");
    assertThat(observation.passes()).isFalse();
    assertThat(observation.failure()).isEmpty();
  }

  @Test
  void aRefusedProbeConnectionIsAnObservationNotAnException() {
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("refused"), 18124)
        .health(DockerEngineFixture.probe("http://127.0.0.1:18139/health", null)));

    HealthObservation observation = probes.observe(LOCAL, SERVICE, "canary", container.id());

    assertThat(observation.probeStatus()).isNull();
    assertThat(observation.probeError()).isEqualTo("connection refused");
    assertThat(observation.passes()).isFalse();
  }

  @Test
  void anExitedContainerFailsWithItsExitCode() {
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("exits"), 18125)
        .command("sh", "-c", "exit 3"));

    HealthObservation observation = pollUntil(container.id(), o -> o.failure().isPresent());

    assertThat(observation.running()).isFalse();
    assertThat(observation.exitCode()).isEqualTo(3L);
    assertThat(observation.failure()).contains("container is not running (status exited, exit code 3)");
  }

  @Test
  void aRemovedContainerIsADefinitiveFailure() {
    ContainerRef container = run(HEALTHY, DockerEngineFixture.service(DockerEngineFixture.containerName("removed"), 18127));
    containers.removeContainer(LOCAL, container.id());

    HealthObservation observation = probes.observe(LOCAL, SERVICE, "canary", container.id());

    assertThat(observation.failure()).contains("container is not running (status removed)");
  }

  @Test
  void anUnreachableDaemonIsDockerUnavailable() {
    String endpoint = "unix:///tmp/mcd-itd-no-such-dir/docker.sock";
    DeployProperties.Service spec = DockerEngineFixture.service("mcd-itd-unused", 18126).build();
    DeployProperties properties = new DeployProperties(Map.of("gone", DockerEngineFixture.host(endpoint)),
        Map.of(SERVICE, spec), Path.of("target/logs"), null, null);
    clients = new DockerClients(properties);
    HealthProbeService service = new HealthProbeService(clients, properties, DockerEngineFixture.secrets(Map.of()));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
        assertThatThrownBy(() -> service.observe("gone", SERVICE, "canary", "0123456789ab"))
            .isInstanceOf(DockerUnavailableException.class)
            .hasMessageContaining("host 'gone'"));
  }
}
