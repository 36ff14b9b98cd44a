package com.mayorcrew.deploy.observability;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DaemonVersion;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubClient;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.GitHubRateLimitedException;
import com.mayorcrew.deploy.github.GitHubUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The remote health components: {@code dockerHosts} with one indicator per configured canary host (UP with the
 * daemon's name and versions, DOWN when it does not answer within that host's {@code call-timeout}), and
 * {@code github} when any service has a GitHub configuration (GET /rate_limit with the configured token, which
 * costs no rate limit; DOWN within {@code mcd.github.request-timeout}). They run side by side
 * ({@link RemoteHealthChecks}) and are left out of the liveness and readiness groups: a canary host or GitHub
 * being away is the deploys' business (they escalate), not a reason to restart or unload this application.
 */
@Configuration(proxyBeanMethods = false)
class DockerHostsHealth {

  static final String GITHUB = "github";

  @Bean(destroyMethod = "close")
  RemoteHealthChecks remoteHealthChecks(DeployProperties deploy, DockerDaemonService daemons,
      GitHubProperties gitHub, GitHubClient gitHubClient, ObservabilityProperties observability) {
    Map<String, RemoteHealthChecks.Check> checks = new LinkedHashMap<>();
    deploy.hosts().forEach((host, settings) -> checks.put(dockerHost(host),
        new RemoteHealthChecks.Check(settings.callTimeout(), () -> check(daemons, host))));
    if (!gitHub.services().isEmpty()) {
      checks.put(GITHUB, new RemoteHealthChecks.Check(gitHub.requestTimeout(), () -> check(gitHubClient)));
    }
    return new RemoteHealthChecks(checks, observability.healthCacheTime(), observability.healthWait());
  }

  @Bean
  CompositeHealthContributor dockerHosts(DeployProperties deploy, RemoteHealthChecks checks) {
    Map<String, HealthIndicator> perHost = deploy.hosts().keySet().stream().collect(Collectors.toMap(
        Function.identity(), host -> () -> checks.health(dockerHost(host))));
    return CompositeHealthContributor.fromMap(perHost);
  }

  @Bean
  @Conditional(GitHubConfigured.class)
  HealthIndicator github(RemoteHealthChecks checks) {
    return () -> checks.health(GITHUB);
  }

  /** Some service has a GitHub configuration ({@code mcd.github.services.*}). */
  static final class GitHubConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return Binder.get(context.getEnvironment()).bind("mcd.github.services",
          Bindable.mapOf(String.class, GitHubProperties.Service.class)).map(services -> !services.isEmpty()).orElse(false);
    }
  }

  private static String dockerHost(String host) {
    return "docker:" + host;
  }

  static Health check(DockerDaemonService daemons, String host) {
    try {
      DaemonVersion version = daemons.version(host);
      return Health.up().withDetail("name", daemons.identify(host).name())
          .withDetail("serverVersion", version.serverVersion()).withDetail("apiVersion", version.apiVersion()).build();
    } catch (DockerUnavailableException unavailable) {
      return Health.down().withDetail("error", unavailable.getMessage()).build();
    }
  }

  /**
   * GET /rate_limit: it costs no rate limit, and answers only with a valid token. The token goes in the request
   * header only; failure messages name the endpoint and GitHub's answer, never the token.
   */
  static Health check(GitHubClient client) {
    try {
      client.getAll("/rate_limit", "resources");
      return Health.up().build();
    } catch (GitHubUnavailableException | GitHubAccessException | GitHubRateLimitedException failure) {
      return Health.down().withDetail("error", failure.getMessage()).build();
    }
  }
}
