package com.mayorcrew.deploy.api;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.audit.AuditDeploys;
import com.mayorcrew.deploy.audit.AuditHttp;
import com.mayorcrew.deploy.audit.AuditTestContext;
import com.mayorcrew.deploy.audit.AuditUsers;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.process.ProcessDriver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The plain JSON API under {@code /api/deploys}, over HTTP against the running application (the audit tests'
 * context: real Docker, the job executor, one user per role, four eyes on escalations).
 */
@AuditTestContext
class DeploysApiTest {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ContainerService containers;

  AuditHttp mayor;
  AuditHttp secondMayor;
  AuditHttp crew;
  AuditDeploys deploys;

  @BeforeEach
  void setUp() {
    mayor = new AuditHttp(port, AuditUsers.MAYOR);
    secondMayor = new AuditHttp(port, AuditUsers.SECOND_MAYOR);
    crew = new AuditHttp(port, AuditUsers.CREW);
    deploys = new AuditDeploys(taskService, historyService);
  }

  @AfterEach
  void removeContainer() {
    containers.removeContainer("local", "mcd-ita-web");
  }

  private static Map<String, Object> request(String host, String image) {
    Map<String, Object> request = new HashMap<>(ProcessDriver.request("web", host, image));
    request.remove(NOTES);
    return request;
  }

  @Test
  void aBadRequestIsRefusedWithEveryViolationAsAProblemAndNothingStarts() {
    long before = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> bad = request("local", "mcd-test/app:healthy-v1");
    bad.put(PRIORITY, "P9");
    bad.remove(TITLE);
    bad.put("colour", "blue");
    bad.put(IMAGE, Map.of("nested", "object"));

    AuditHttp.Response refused = mayor.post("/api/deploys", bad);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(violations(refused)).containsExactly("image: must be a plain string, boolean or number value");

    bad.remove(IMAGE);
    refused = mayor.post("/api/deploys", bad);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.json().get("status").asInt()).isEqualTo(400);
    assertThat(violations(refused)).contains("title: is required", "priority: must be one of P0, P1, P2",
        "colour: is not a field of the Deploy Request");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);
  }

  @Test
  void aDeployRequestedThroughTheApiIsSmokeTestedAndReportedByTheCrewThroughTheApi() {
    AuditHttp.Response created = mayor.post("/api/deploys", request("local", "mcd-test/app:healthy-v1"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String deployId = created.json().get("deployId").asText();
    assertThat(created.header("Location")).endsWith("/api/deploys/" + deployId);
    assertThat(created.json().get("requester").asText()).isEqualTo(AuditUsers.MAYOR);
    assertThat(created.json().at("/links/statusReport").asText()).isEqualTo("/api/deploys/" + deployId + "/status-report");

    deploys.awaitTask(deployId, "Task_SmokeTest");
    JsonNode seen = crew.get("/api/deploys/" + deployId).json();
    assertThat(seen.get("state").asText()).isEqualTo("running");
    assertThat(seen.get("currentSteps").toString()).contains("Run smoke test");
    JsonNode smokeTest = seen.at("/openTasks/0");
    assertThat(smokeTest.get("key").asText()).isEqualTo("Task_SmokeTest");
    assertThat(smokeTest.get("assignee").asText()).isEqualTo(AuditUsers.CREW);
    assertThat(field(smokeTest, "webUiLoads").get("type").asText()).isEqualTo("checkbox");
    assertThat(field(smokeTest, "deployImage").get("readonly").asBoolean()).isTrue();
    assertThat(field(smokeTest, "deployImage").get("value").asText()).isEqualTo("mcd-test/app:healthy-v1");

    String smokeTestPath = "/api/deploys/" + deployId + "/tasks/Task_SmokeTest";
    AuditHttp.Response wrong = crew.post(smokeTestPath, Map.of(WEB_UI_LOADS, "yes", DEPLOY_IMAGE, "evil:latest"));
    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
    assertThat(violations(wrong)).contains("webUiLoads: must be a boolean",
        "deployImage: is read-only in form and may not be changed");
    AuditHttp.Response notTheirs = mayor.post(smokeTestPath, Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true));
    assertThat(notTheirs.status()).as(notTheirs.toString()).isEqualTo(403);
    assertThat(notTheirs.header("Content-Type")).startsWith("application/problem+json");
    AuditHttp.Response done = crew.post(smokeTestPath, Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);

    deploys.awaitTask(deployId, "Task_StatusUpdate");
    AuditHttp.Response sent = crew.post("/api/deploys/" + deployId + "/tasks/Review%20and%20send%20status%20update",
        Map.of());
    assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    deploys.awaitEnd(deployId);

    JsonNode ended = mayor.get("/api/deploys/" + deployId).json();
    assertThat(ended.get("state").asText()).isEqualTo("ended");
    assertThat(ended.get("result").asText()).isEqualTo("success");
    assertThat(ended.get("openTasks")).isEmpty();
    assertThat(ids(mayor.get("/api/deploys?state=success&service=web"))).contains(deployId);
    assertThat(ids(mayor.get("/api/deploys?state=running"))).doesNotContain(deployId);
    assertThat(mayor.get("/api/deploys/" + deployId + "/status-report").body()).startsWith("Status: done");
  }

  @Test
  void theDeployRequestTemplateAsWrittenStartsADeployAndALineThatIsNotTheTemplatesIsRefused() {
    String template = """
        Title: Canary deploy for web (canary)
        Priority: P2
        Owner: mayor
        Assignee: TerraNomadicCity/crew/Ptilopsis

        Inputs
        - Gastown ref: 0123abc
        - GTRuntime ref: HEAD (mounted at /gt)
        - Branch: canary
        - Image: mcd-test/app:healthy-v1

        Host / Runner
        - Canary host: local
        - Runner label: canary
        - Docker access: socket

        Rollback
        - If health check fails, run deploy/canary-rollback.sh
        """;
    long before = historyService.createHistoricProcessInstanceQuery().count();
    AuditHttp.Response refused = mayor.send("POST", "/api/deploys", template.replace("Priority: P2", "Colour: blue"),
        Map.of("Content-Type", "text/plain"));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(violations(refused)).containsExactly(
        "template: line 2: 'Colour: blue' is not a line of the Deploy Request Template");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(before);

    AuditHttp.Response created = mayor.send("POST", "/api/deploys", template, Map.of("Content-Type", "text/plain"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String deployId = created.json().get("deployId").asText();
    assertThat(created.json().get("requester").asText()).isEqualTo(AuditUsers.MAYOR);
    deploys.awaitTask(deployId, "Task_SmokeTest");
    assertThat(crew.post("/api/deploys/" + deployId + "/tasks/Task_SmokeTest",
        Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true)).status()).isEqualTo(200);
    deploys.awaitTask(deployId, "Task_StatusUpdate");
    assertThat(crew.post("/api/deploys/" + deployId + "/tasks/Task_StatusUpdate", Map.of()).status()).isEqualTo(200);
    deploys.awaitEnd(deployId);
    assertThat(mayor.get("/api/deploys/" + deployId + "/status-report").body()).startsWith("Status: done")
        .contains("HEAD (mounted at /gt)");
  }

  @Test
  void theRequesterMayNotDecideTheirOwnEscalationAnotherMayorDoes() {
    AuditHttp.Response created = mayor.post("/api/deploys", request("unreachable", "mcd-test/app:healthy-v1"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String deployId = created.json().get("deployId").asText();
    deploys.awaitTask(deployId, "Task_MayorEscalation");

    String path = "/api/deploys/" + deployId + "/tasks/Task_MayorEscalation";
    AuditHttp.Response own = mayor.post(path, Map.of(MAYOR_DECISION, "abort", MAYOR_NOTE, "mine"));
    assertThat(own.status()).as(own.toString()).isEqualTo(403);
    assertThat(own.json().get("detail").asText()).contains("may not decide");
    AuditHttp.Response noChoice = secondMayor.post(path, Map.of(MAYOR_DECISION, "shrug"));
    assertThat(noChoice.status()).as(noChoice.toString()).isEqualTo(400);
    assertThat(taskService.createTaskQuery().processInstanceBusinessKey(deployId).singleResult().getAssignee())
        .as("a refused completion releases the task it claimed").isNull();
    AuditHttp.Response aborted = secondMayor.post(path, Map.of(MAYOR_DECISION, "abort", MAYOR_NOTE,
        "host is gone"));
    assertThat(aborted.status()).as(aborted.toString()).isEqualTo(200);
    assertThat(deploys.awaitEnd(deployId).getEndActivityId()).isNotNull();
    assertThat(mayor.get("/api/deploys/" + deployId).json().get("result").asText()).isEqualTo("failed");
  }

  @Test
  void everyRefusalUnderTheApiIsAProblemDetail() {
    List<AuditHttp.Response> refusals = new ArrayList<>();
    refusals.add(mayor.get("/api/deploys/no-such-deploy"));
    refusals.add(mayor.get("/api/deploys?state=sideways"));
    refusals.add(mayor.post("/api/deploys/no-such-deploy/tasks/Task_SmokeTest", Map.of()));
    refusals.add(crew.post("/api/deploys/no-such-deploy/rollback", Map.of("reason", "x")));
    refusals.add(mayor.post("/api/deploys/no-such-deploy/rollback", Map.of("reason", " ")));
    refusals.add(mayor.post("/api/deploys/no-such-deploy/rollback", Map.of("reason", "x")));
    refusals.add(mayor.send("POST", "/api/deploys", "{not json", Map.of("Content-Type", "application/json")));
    refusals.add(mayor.get("/api/deploys/no-such-deploy/status-report"));
    refusals.add(new AuditHttp(port, AuditUsers.AUDITOR).get("/api/history/deploys/no-such-deploy"));
    assertThat(refusals).extracting(AuditHttp.Response::status)
        .containsExactly(404, 400, 404, 403, 400, 409, 400, 404, 404);
    assertThat(refusals).allSatisfy(refusal -> {
      assertThat(refusal.header("Content-Type")).as(refusal.toString()).startsWith("application/problem+json");
      assertThat(refusal.json().get("status").asInt()).isEqualTo(refusal.status());
    });
    assertThat(AuditHttp.anonymous(port).get("/api/deploys").status()).isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentDescribesTheApi() {
    AuditHttp.Response document = new AuditHttp(port, AuditUsers.AUDITOR).get("/api/openapi");
    assertThat(document.status()).as(document.toString()).isEqualTo(200);
    JsonNode openApi = document.json();
    assertThat(openApi.get("openapi").asText()).startsWith("3.");
    assertThat(openApi.get("paths").fieldNames()).toIterable().contains("/api/deploys", "/api/deploys/{deployId}",
        "/api/deploys/{deployId}/tasks/{task}", "/api/deploys/{deployId}/rollback");
    assertThat(openApi.at("/paths/~1api~1deploys/post/responses").fieldNames()).toIterable().contains("201", "400");
    assertThat(openApi.at("/components/schemas").fieldNames()).toIterable()
        .contains("Deploy", "OpenTask", "FormField", "DeploySummary", "ProblemDetail");
    assertThat(openApi.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    assertThat(AuditHttp.anonymous(port).get("/api/openapi").status()).isEqualTo(401);
    // Swagger UI (static, public) reads the document from there, with the browser's credentials.
    assertThat(AuditHttp.anonymous(port).get("/swagger-ui/index.html").status()).isEqualTo(200);
    assertThat(new AuditHttp(port, AuditUsers.AUDITOR).get("/api/openapi/swagger-config").body())
        .contains("\"url\":\"/api/openapi\"");
  }

  private static List<String> violations(AuditHttp.Response response) {
    List<String> violations = new ArrayList<>();
    response.json().get("violations").forEach(v -> violations.add(v.get("field").asText() + ": " + v.get("rule").asText()));
    return violations;
  }

  private static JsonNode field(JsonNode task, String key) {
    for (JsonNode field : task.get("fields")) {
      if (field.get("key").asText().equals(key)) {
        return field;
      }
    }
    throw new AssertionError("no field " + key + " in " + task);
  }

  private static List<String> ids(AuditHttp.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().forEach(deploy -> ids.add(deploy.get("deployId").asText()));
    return ids;
  }
}
