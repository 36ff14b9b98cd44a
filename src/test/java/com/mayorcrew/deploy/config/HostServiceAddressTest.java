package com.mayorcrew.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class HostServiceAddressTest {

  private static DeployProperties.Host host(Map<String, String> keys) {
    Map<String, String> prefixed = new java.util.HashMap<>();
    keys.forEach((key, value) -> prefixed.put("mcd.hosts.h." + key, value));
    return new Binder(new MapConfigurationPropertySource(prefixed)).bindOrCreate("mcd", DeployProperties.class)
        .host("h");
  }

  @Test
  void aRemoteHostsServicesAnswerWhereItsDaemonDoes() {
    assertThat(host(Map.of("docker-endpoint", "tcp://10.0.4.7:2376")).serviceAddress()).isEqualTo("10.0.4.7");
    assertThat(host(Map.of("docker-endpoint", "ssh://deploy@shisuiki:2222")).serviceAddress()).isEqualTo("shisuiki");
  }

  @Test
  void aLocalSocketMeansThisMachine() {
    assertThat(host(Map.of("docker-endpoint", "unix:///var/run/docker.sock")).serviceAddress())
        .isEqualTo("127.0.0.1");
  }

  @Test
  void anExplicitAddressWins() {
    assertThat(host(Map.of("docker-endpoint", "ssh://deploy@shisuiki", "address", "shisuiki.lan")).serviceAddress())
        .isEqualTo("shisuiki.lan");
  }
}
