package com.mayorcrew.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import com.mayorcrew.deploy.docker.DockerEngineFixture;
import com.mayorcrew.deploy.docker.FreezableDockerEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The dockerHosts health component against the real shared daemon and the second, freezable one: UP for both
 * while they answer; once one is frozen (SIGSTOP) it reports DOWN within its call-timeout and the other stays UP.
 */
class DockerHostsHealthTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void aFrozenHostIsDownWithinItsCallTimeoutWhileTheOtherStaysUp() {
    DeployProperties properties = new DeployProperties(Map.of(
        "shared", DockerEngineFixture.host(DockerEngineFixture.dockerHost(), CALL_TIMEOUT),
        "frozen", DockerEngineFixture.host(FreezableDockerEngine.dockerHost(), CALL_TIMEOUT)),
        Map.of(), Path.of("target/logs"), null, null);
    DockerClients clients = new DockerClients(properties);
    try {
      var contributor = new DockerHostsHealth().dockerHosts(properties, new DockerDaemonService(clients));
      HealthIndicator shared = (HealthIndicator) contributor.getContributor("shared");
      HealthIndicator frozen = (HealthIndicator) contributor.getContributor("frozen");
      assertThat(frozen.health().getStatus()).isEqualTo(Status.UP);

      FreezableDockerEngine.freeze();
      try {
        long started = System.nanoTime();
        var health = frozen.health();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(took).isLessThan(CALL_TIMEOUT.plusSeconds(1));
        assertThat(shared.health().getStatus()).isEqualTo(Status.UP);
        assertThat(shared.health().getDetails()).containsKeys("name", "serverVersion", "apiVersion");
      } finally {
        FreezableDockerEngine.thaw();
      }
    } finally {
      clients.close();
    }
  }
}
