package com.mayorcrew.deploy.docker;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.SecretStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.mock.env.MockEnvironment;

/**
 * The real Docker engine of the tests (DOCKER_HOST, see src/test/scripts/docker-engine.sh) as canary host
 * "local", and builders for services on it. Tests use host networking, host ports 18100-18199 and container
 * names starting with mcd-itd-: other engineers share the daemon.
 */
public final class DockerEngineFixture {

  public static final String LOCAL = "local";
  public static final String HEALTHY = "mcd-test/app:healthy";
  public static final String HEALTHY_V1 = "mcd-test/app:healthy-v1";
  public static final String HEALTHY_V2 = "mcd-test/app:healthy-v2";
  public static final String UNHEALTHY = "mcd-test/app:unhealthy";

  private DockerEngineFixture() {}

  public static String dockerHost() {
    String fromEnv = System.getenv("DOCKER_HOST");
    return fromEnv == null || fromEnv.isBlank() ? "unix:///tmp/mcd-docker/docker.sock" : fromEnv;
  }

  public static DeployProperties.Host host(String endpoint) {
    return host(endpoint, Duration.ofSeconds(20));
  }

  /** A host whose Docker calls have the total deadline {@code callTimeout}. */
  public static DeployProperties.Host host(String endpoint, Duration callTimeout) {
    return new DeployProperties.Host(endpoint, false, null, null, null, null, null, Duration.ofSeconds(3),
        Duration.ofSeconds(20), callTimeout, Duration.ofMinutes(4), null, null);
  }

  /** A unique container name, so concurrent runs of these tests do not collide. */
  public static String containerName(String purpose) {
    return "mcd-itd-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static DeployProperties.Health noProbe() {
    return probe(null, null);
  }

  public static DeployProperties.Health probe(String url, String tokenSecret) {
    return new DeployProperties.Health(url, tokenSecret, Duration.ofSeconds(30), Duration.ofMillis(200), 1,
        Duration.ofSeconds(2));
  }

  /** A service of the test image listening on {@code port} on the host network. */
  public static ServiceBuilder service(String containerName, int port) {
    return new ServiceBuilder(containerName, port);
  }

  public static DeployProperties properties(Map<String, DeployProperties.Service> services) {
    return new DeployProperties(Map.of(LOCAL, host(dockerHost())), services, Path.of("target/logs"), null, null);
  }

  public static SecretStore secrets(Map<String, String> values) {
    MockEnvironment environment = new MockEnvironment();
    values.forEach(environment::setProperty);
    return new SecretStore(environment);
  }

  public static final class ServiceBuilder {
    private final String containerName;
    private final int port;
    private List<String> ports = List.of();
    private List<String> mounts = List.of();
    private Map<String, String> secretEnv = Map.of();
    private Map<String, String> labels = Map.of();
    private List<String> command = List.of();
    private String restartPolicy = "no";
    private DeployProperties.Health health = noProbe();

    private ServiceBuilder(String containerName, int port) {
      this.containerName = containerName;
      this.port = port;
    }

    public ServiceBuilder ports(String... ports) {
      this.ports = List.of(ports);
      return this;
    }

    public ServiceBuilder mounts(String... mounts) {
      this.mounts = List.of(mounts);
      return this;
    }

    public ServiceBuilder secretEnv(Map<String, String> secretEnv) {
      this.secretEnv = secretEnv;
      return this;
    }

    public ServiceBuilder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public ServiceBuilder command(String... command) {
      this.command = List.of(command);
      return this;
    }

    public ServiceBuilder restartPolicy(String restartPolicy) {
      this.restartPolicy = restartPolicy;
      return this;
    }

    public ServiceBuilder health(DeployProperties.Health health) {
      this.health = health;
      return this;
    }

    public DeployProperties.Service build() {
      return new DeployProperties.Service(DeployProperties.ExecutionMode.DOCKER, "mcd-test/app", containerName, "host", ports, mounts,
          Map.of("PORT", Integer.toString(port), "MCD_TEST", "1"), secretEnv, List.of(), command, restartPolicy,
          labels, health, false, null);
    }
  }
}
