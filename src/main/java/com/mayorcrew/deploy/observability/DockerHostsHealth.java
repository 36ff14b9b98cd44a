package com.mayorcrew.deploy.observability;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DaemonIdentity;
import com.mayorcrew.deploy.docker.DockerDaemonService;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health component {@code dockerHosts}: one indicator per configured canary host, UP with the daemon's name and
 * versions, DOWN when it does not answer. Each check is the same identify call the prechecks make, so it ends
 * within that host's {@code call-timeout} (a hung daemon holds the probe no longer than that).
 */
@Configuration(proxyBeanMethods = false)
class DockerHostsHealth {

  @Bean
  CompositeHealthContributor dockerHosts(DeployProperties properties, DockerDaemonService daemons) {
    Map<String, HealthIndicator> perHost = properties.hosts().keySet().stream()
        .collect(Collectors.toMap(Function.identity(), host -> () -> check(daemons, host)));
    return CompositeHealthContributor.fromMap(perHost);
  }

  static Health check(DockerDaemonService daemons, String host) {
    try {
      DaemonIdentity identity = daemons.identify(host);
      return Health.up().withDetail("name", identity.name()).withDetail("serverVersion", identity.serverVersion())
          .withDetail("apiVersion", identity.apiVersion()).build();
    } catch (DockerUnavailableException unavailable) {
      return Health.down().withDetail("error", unavailable.getMessage()).build();
    }
  }
}
