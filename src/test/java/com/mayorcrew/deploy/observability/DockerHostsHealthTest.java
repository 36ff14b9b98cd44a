package com.mayorcrew.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import com.mayorcrew.deploy.docker.DockerEngineFixture;
import com.mayorcrew.deploy.docker.FreezableDockerEngine;
import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The remote health components against the real shared daemon, the second, freezable one (SIGSTOP plays a daemon
 * that never answers) and the local GitHub stand-in: a frozen host is DOWN within its call-timeout while the
 * others stay UP, two frozen hosts cost one timeout, not two, and GitHub is UP, then DOWN when it stops answering.
 */
class DockerHostsHealthTest {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
  private static final ObservabilityProperties NO_CACHE = new ObservabilityProperties(List.of("auditors"),
      Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(15));

  @Test
  void frozenHostsAreDownWithinOneCallTimeoutWhileTheOtherStaysUp() throws Exception {
    DeployProperties properties = new DeployProperties(Map.of(
        "shared", DockerEngineFixture.host(DockerEngineFixture.dockerHost(), CALL_TIMEOUT),
        "frozen", DockerEngineFixture.host(FreezableDockerEngine.dockerHost(), CALL_TIMEOUT),
        "frozenToo", DockerEngineFixture.host(FreezableDockerEngine.dockerHost(), CALL_TIMEOUT)),
        Map.of(), Path.of("target/logs"), null, null);
    GitHubProperties noGitHub = new GitHubProperties("https://github.invalid", "NONE", "2022-11-28",
        Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of());
    DockerClients clients = new DockerClients(properties);
    DockerHostsHealth health = new DockerHostsHealth();
    try (RemoteHealthChecks checks = health.remoteHealthChecks(properties, new DockerDaemonService(clients),
        noGitHub, null, NO_CACHE)) {
      CompositeHealthContributor hosts = health.dockerHosts(properties, checks);
      HealthIndicator shared = (HealthIndicator) hosts.getContributor("shared");
      HealthIndicator frozen = (HealthIndicator) hosts.getContributor("frozen");
      HealthIndicator frozenToo = (HealthIndicator) hosts.getContributor("frozenToo");
      assertThat(frozen.health()).extracting(Health::getStatus).isEqualTo(Status.UP);

      FreezableDockerEngine.freeze();
      try {
        long started = System.nanoTime();
        var frozenHealth = frozen.health();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(frozenHealth.getStatus()).isEqualTo(Status.DOWN);
        // Both frozen hosts were asked side by side in that round: together they cost one timeout.
        assertThat(took).isLessThan(CALL_TIMEOUT.plusSeconds(1));
        assertThat(frozenToo.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(shared.health().getStatus()).isEqualTo(Status.UP);
        assertThat(shared.health().getDetails()).containsKeys("name", "serverVersion", "apiVersion");
      } finally {
        FreezableDockerEngine.thaw();
      }
    } finally {
      clients.close();
    }
  }

  @Test
  void gitHubIsUpWhileItAnswersAndDownWithinTheRequestTimeoutWhenItFallsSilent() throws Exception {
    try (FakeGitHub gitHub = new FakeGitHub()) {
      GitHubProperties properties = gitHub.properties(FakeGitHub.service());
      DeployProperties noHosts = new DeployProperties(Map.of(), Map.of(), Path.of("target/logs"), null, null);
      try (RemoteHealthChecks checks = new DockerHostsHealth().remoteHealthChecks(noHosts, null, properties,
          gitHub.client(properties), NO_CACHE)) {
        HealthIndicator indicator = new DockerHostsHealth().github(checks);
        gitHub.on("GET /rate_limit", 200, """
            {"resources":{"core":{"limit":5000,"remaining":4990,"reset":1772359200,"used":10}},
             "rate":{"limit":5000,"remaining":4990,"reset":1772359200,"used":10}}""");
        var up = indicator.health();
        assertThat(up.getStatus()).as(up.toString()).isEqualTo(Status.UP);
        assertThat(gitHub.last("GET", "/rate_limit").headers().getFirst("Authorization"))
            .startsWith("Bearer ");

        gitHub.reset();
        gitHub.silentOn("GET /rate_limit", "{}", -1);
        long started = System.nanoTime();
        var down = indicator.health();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(properties.requestTimeout()
            .plusSeconds(1));
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.toString()).doesNotContain(FakeGitHub.TOKEN);
      }
    }
  }
}
