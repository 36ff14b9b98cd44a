package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Actuator endpoints per role (docs/observability.md): anyone gets the health summary and the liveness and
 * readiness groups' status, nothing more; members of the reader groups (here the auditor and the admin) get the
 * components with their details, {@code /actuator/info} and the Prometheus exposition; other users get the summary
 * and 403; a wrong password is 401. The shared context configures a canary host nobody serves: the overall status
 * is DOWN with it, readiness stays UP.
 */
@AuditTestContext
class ActuatorAccessTest {

  @LocalServerPort int port;
  @Autowired IdentityService identityService;

  @Test
  void anonymousCallersGetTheHealthSummaryAndTheProbesButNoDetailsAndNoMetrics() {
    AuditHttp anonymous = AuditHttp.anonymous(port);
    AuditHttp.Response health = anonymous.get("/actuator/health");
    assertThat(health.status()).as(health.toString()).isEqualTo(503);
    assertThat(fieldNames(health.json())).containsExactly("status", "groups");
    assertThat(health.json().get("status").asText()).isEqualTo("DOWN");

    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      AuditHttp.Response response = anonymous.get(probe);
      assertThat(response.status()).as(probe + ": " + response).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }
    for (String path : List.of("/actuator/info", "/actuator/prometheus", "/actuator")) {
      AuditHttp.Response response = anonymous.get(path);
      assertThat(response.status()).as(path + ": " + response).isEqualTo(401);
      assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
      assertThat(response.body()).doesNotContain("jvm_", "mcd_");
    }
  }

  @Test
  void aWrongPasswordIsRefusedEvenForTheSummary() {
    String credentials = Base64.getEncoder().encodeToString((AUDITOR + ":wrong").getBytes(StandardCharsets.UTF_8));
    for (String path : List.of("/actuator/health", "/actuator/prometheus")) {
      AuditHttp.Response response = AuditHttp.anonymous(port).send("GET", path, null,
          Map.of("Authorization", "Basic " + credentials));
      assertThat(response.status()).as(path + ": " + response).isEqualTo(401);
    }
  }

  @Test
  void usersOutsideTheReaderGroupsGetTheSummaryOnly() {
    for (String user : List.of(CREW, MAYOR, HUMAN)) {
      AuditHttp as = new AuditHttp(port, user);
      AuditHttp.Response health = as.get("/actuator/health");
      assertThat(health.status()).as(user + ": " + health).isEqualTo(503);
      assertThat(fieldNames(health.json())).as(user).containsExactly("status", "groups");
      assertThat(as.get("/actuator/prometheus").status()).as(user).isEqualTo(403);
      assertThat(as.get("/actuator/info").status()).as(user).isEqualTo(403);
    }
  }

  @Test
  void readersSeeEachComponentAndThePrometheusExposition() {
    for (String user : List.of(AUDITOR, ADMIN)) {
      AuditHttp reader = new AuditHttp(port, user);
      AuditHttp.Response health = reader.get("/actuator/health");
      assertThat(health.status()).as(health.toString()).isEqualTo(503);
      JsonNode components = health.json().get("components");
      assertThat(components.at("/db/status").asText()).as(health.body()).isEqualTo("UP");
      assertThat(components.at("/processEngine/status").asText()).as(health.body()).isEqualTo("UP");
      assertThat(components.at("/jobExecutor/status").asText()).as(health.body()).isEqualTo("UP");
      assertThat(components.at("/dockerHosts/components/local/status").asText()).isEqualTo("UP");
      assertThat(components.at("/dockerHosts/components/local/details/serverVersion").asText()).isNotEmpty();
      assertThat(components.at("/dockerHosts/components/unreachable/status").asText()).isEqualTo("DOWN");

      AuditHttp.Response readiness = reader.get("/actuator/health/readiness");
      assertThat(readiness.status()).isEqualTo(200);
      assertThat(fieldNames(readiness.json().get("components")))
          .containsExactlyInAnyOrder("readinessState", "db", "processEngine", "jobExecutor");

      assertThat(reader.get("/actuator/info").status()).isEqualTo(200);
      AuditHttp.Response prometheus = reader.get("/actuator/prometheus", "text/plain");
      assertThat(prometheus.status()).as(prometheus.toString()).isEqualTo(200);
      assertThat(prometheus.body()).contains("# TYPE jvm_memory_used_bytes gauge",
          "mcd_host_queue_length{host=\"local\"}", "mcd_host_lock_age_seconds{host=\"unreachable\"}",
          "mcd_tasks_open{group=\"mayor\"}", "# TYPE mcd_incidents_open gauge", "mcd_jobs_without_retries ");
    }
  }

  @Test
  void aPrometheusUserInGroupOperatorsScrapesAndReadsNothingElse() {
    // Created as an administrator would in Camunda Admin: the provisioning knows only the role groups.
    if (identityService.createGroupQuery().groupId("operators").count() == 0) {
      Group operators = identityService.newGroup("operators");
      identityService.saveGroup(operators);
      User prometheus = identityService.newUser("prometheus");
      prometheus.setPassword(PASSWORD);
      identityService.saveUser(prometheus);
      identityService.createMembership("prometheus", "operators");
    }
    AuditHttp scraper = new AuditHttp(port, "prometheus");
    AuditHttp.Response prometheus = scraper.get("/actuator/prometheus", "text/plain");
    assertThat(prometheus.status()).as(prometheus.toString()).isEqualTo(200);
    assertThat(prometheus.body()).contains("mcd_host_queue_length{host=\"local\"}");
    assertThat(scraper.get("/actuator/health").json().at("/components/db/status").asText()).isEqualTo("UP");
    // No engine authorizations: whatever deploys this shared context holds stay invisible to it.
    assertThat(scraper.get("/engine-rest/history/process-instance").body()).isEqualTo("[]");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
