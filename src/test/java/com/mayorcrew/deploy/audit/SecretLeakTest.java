package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.docker.DockerClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A whole deploy with a known secret (the container's APP_TOKEN and the probe's bearer token), then a search for
 * the value everywhere it could leak: the database, the log, the deploy's files and every history response. Also
 * the exposure rules: security headers, no unauthenticated state change, Camunda's CSRF protection in place.
 */
@AuditTestContext
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTest {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired DataSource dataSource;
  @Autowired DockerClients dockerClients;
  @Value("${MCD_TEST_APP_TOKEN}") String secret;
  @Value("${mcd.logs-dir}") Path logsDir;

  @Test
  void theSecretOfAFinishedDeployAppearsNowhere(CapturedOutput output) throws IOException {
    AuditDeploys deploys = new AuditDeploys(taskService, historyService);
    AuditHttp crew = new AuditHttp(port, CREW);
    String deployId = deploys.start(new AuditHttp(port, MAYOR), "web", "local", "mcd-test/app:healthy-v2");
    Task smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest");
    // the secret really was used: the container has it
    assertThat(dockerClients.forHost("local").inspectContainerCmd("mcd-ita-web").exec().getConfig().getEnv())
        .contains("APP_TOKEN=" + secret);
    assertThat(crew.post("/engine-rest/task/" + smokeTest.getId() + "/complete", Map.of("variables",
        AuditHttp.variables(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true, SMOKE_TEST_NOTES, "all good"))))
        .status()).isEqualTo(204);
    Task statusUpdate = deploys.awaitTask(deployId, "Task_StatusUpdate");
    assertThat(crew.post("/engine-rest/task/" + statusUpdate.getId() + "/complete", Map.of()).status())
        .isEqualTo(204);
    deploys.awaitEnd(deployId);

    List<String> leaks = new ArrayList<>();
    String database = String.join("\n", new JdbcTemplate(dataSource).queryForList("SCRIPT", String.class));
    assertThat(database).contains(deployId);
    check(leaks, "H2 database (SCRIPT)", database);
    check(leaks, "application log", output.getAll());
    try (Stream<Path> files = Files.walk(logsDir)) {
      List<Path> deployFiles = files.filter(Files::isRegularFile).toList();
      assertThat(deployFiles).extracting(path -> path.getFileName().toString())
          .contains(deployId + ".json", deployId + "-status.txt");
      for (Path file : deployFiles) {
        check(leaks, file.toString(), Files.readString(file));
      }
    }
    AuditHttp auditor = new AuditHttp(port, AUDITOR);
    for (String path : historyResponses(deployId)) {
      AuditHttp.Response response = auditor.get(path);
      assertThat(response.status()).as(path).isEqualTo(200);
      check(leaks, "GET " + path, response.body() + response.raw().headers().map());
    }
    assertThat(leaks).as("places where the secret value appears").isEmpty();
  }

  @Test
  void historyResponsesSendSecurityHeaders() {
    AuditHttp auditor = new AuditHttp(port, AUDITOR);
    for (String path : List.of("/history", "/api/history/deploys", "/api/history/deploys?format=csv")) {
      AuditHttp.Response response = auditor.get(path);
      assertThat(response.header("Content-Security-Policy")).as(path)
          .contains("default-src 'none'", "frame-ancestors 'none'");
      assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
      assertThat(response.header("Cache-Control")).as(path).contains("no-store");
    }
    AuditHttp.Response refused = AuditHttp.anonymous(port).get("/history");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(refused.header("Cache-Control")).contains("no-store");
  }

  @Test
  void noStateChangingEndpointAcceptsAnUnauthenticatedRequest() {
    AuditHttp anonymous = AuditHttp.anonymous(port);
    assertThat(anonymous.post(AuditDeploys.START, Map.of()).status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/task/any/complete", Map.of()).status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/process-instance/any/variables", Map.of()).status()).isEqualTo(401);
    assertThat(anonymous.delete("/engine-rest/process-instance/any").status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/message", Map.of("messageName", "x")).status()).isEqualTo(401);
    assertThat(anonymous.post("/engine-rest/job/any/retries", Map.of("retries", 1)).status()).isEqualTo(401);
    assertThat(anonymous.post("/api/history/deploys", Map.of()).status()).isEqualTo(401);
    assertThat(anonymous.post("/history", Map.of()).status()).isEqualTo(401);
    assertThat(anonymous.post("/camunda/api/engine/engine/default/process-definition/key/canary-deploy/start",
        Map.of()).status()).isEqualTo(401);
  }

  @Test
  void theWebappsKeepCamundasCsrfProtection() {
    AuditHttp session = AuditHttp.tasklistSession(port, MAYOR);

    // Logged in, but without the CSRF token header: the change is refused.
    AuditHttp.Response withoutToken = session.withoutCsrfToken()
        .post("/camunda/api/engine/engine/default/process-definition/key/canary-deploy/start", Map.of());
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(withoutToken.header("X-XSRF-TOKEN")).isEqualTo("Required");
  }

  private static List<String> historyResponses(String deployId) {
    return List.of("/history", "/history?service=web&result=success", "/history/" + deployId,
        "/api/history/deploys", "/api/history/deploys?format=csv", "/api/history/deploys/" + deployId,
        "/api/history/deploys/" + deployId + "?format=csv", "/api/deploys/" + deployId + "/status-report");
  }

  private void check(List<String> leaks, String where, String content) {
    if (content.contains(secret)) {
      int at = content.indexOf(secret);
      leaks.add(where + ": …" + content.substring(Math.max(0, at - 80), at) + "<SECRET>…");
    }
  }
}
