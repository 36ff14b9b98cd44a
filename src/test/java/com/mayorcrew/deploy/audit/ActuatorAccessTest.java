package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Actuator endpoints answer only engine users who authenticate (HTTP Basic, like /api and /history): anonymous
 * callers get 401 and no health detail or metric; any authenticated user reads health with its components and the
 * Prometheus exposition.
 */
@AuditTestContext
class ActuatorAccessTest {

  @LocalServerPort int port;

  @Test
  void anonymousCallersGetNeitherHealthNorMetrics() {
    for (String path : new String[] {"/actuator/health", "/actuator/info", "/actuator/prometheus"}) {
      AuditHttp.Response response = AuditHttp.anonymous(port).get(path);
      assertThat(response.status()).as(path + ": " + response).isEqualTo(401);
      assertThat(response.body()).doesNotContain("\"status\"", "jvm_");
    }
  }

  @Test
  void anAuditorReadsHealthWithItsComponentsAndThePrometheusExposition() {
    AuditHttp auditor = new AuditHttp(port, AUDITOR);

    AuditHttp.Response health = auditor.get("/actuator/health");
    // The shared context configures a host nobody serves, so the overall status may be DOWN (503); the details show.
    assertThat(health.status()).as(health.toString()).isIn(200, 503);
    assertThat(health.json().at("/components/db/status").asText()).as(health.body()).isEqualTo("UP");
    assertThat(health.json().at("/components/dockerHosts/components").size()).as(health.body()).isPositive();

    AuditHttp.Response prometheus = auditor.get("/actuator/prometheus", "text/plain");
    assertThat(prometheus.status()).as(prometheus.toString()).isEqualTo(200);
    assertThat(prometheus.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }
}
