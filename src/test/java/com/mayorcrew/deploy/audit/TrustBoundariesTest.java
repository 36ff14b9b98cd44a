package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.process.ProcessDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Plays the attacker against every trust boundary, as each role, through REST and through Tasklist's engine API:
 * each attempt is refused (400 naming the field, or 403) and changes nothing: not the daemon's containers, not the
 * files in the logs directory, not the deploy's history. Deploys park at user tasks (stable states) while attacked.
 * In package audit with the other tests of {@link AuditTestContext}: they run while that context's engine is the
 * one Camunda's REST layer resolves by name.
 */
@AuditTestContext
class TrustBoundariesTest {

  private static final List<String> PEOPLE = List.of(MAYOR, SECOND_MAYOR, CREW, HUMAN, AUDITOR);
  private static final String ENGINE = "/engine-rest";
  private static final String TASKLIST_ENGINE = "/camunda/api/engine/engine/default";
  private static final Path LOGS = Path.of("target/audit-deploys");
  private static final String EVIL_IMAGE = "mcd-test/app:unhealthy";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;

  @Test
  void crewTasksTakeExactlyTheirFormFieldsAndNobodyButTheAdministratorWritesVariables() {
    AuditDeploys deploys = deploys();
    String deployId = deploys.start(as(MAYOR), "trust", "trust", "mcd-test/app:healthy-v1");
    Task smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest");
    String instance = smokeTest.getProcessInstanceId();
    Snapshot before = snapshot(instance);

    // Extra variables on completion, through REST and Tasklist: 400 naming the variable, the task stays open.
    for (String fact : List.of(PREVIOUS_IMAGE, CONTAINER_ID, SERVICE, CANARY_HOST, ESCALATION_STEP, REQUESTER,
        HEALTH_PASSES, HEALTH_DEADLINE, STATUS_REPORT_PATH, DEPLOY_IMAGE)) {
      Map<String, Object> fields = new LinkedHashMap<>(Map.of(WEB_UI_LOADS, false, DASHBOARD_LOADS, false));
      fields.put(fact, fact.equals(PREVIOUS_IMAGE) || fact.equals(DEPLOY_IMAGE) ? EVIL_IMAGE : "/etc/passwd");
      expectRefusal(as(CREW).post(ENGINE + "/task/" + smokeTest.getId() + "/complete", body(fields)), 400, fact);
      expectRefusal(AuditHttp.tasklistSession(port, CREW).post(TASKLIST_ENGINE + "/task/" + smokeTest.getId()
          + "/submit-form", body(fields)), 400, fact);
    }
    // Wrong types and lengths of the form's own fields
    expectRefusal(as(CREW).post(ENGINE + "/task/" + smokeTest.getId() + "/complete",
        body(Map.of(WEB_UI_LOADS, "false"))), 400, WEB_UI_LOADS);
    expectRefusal(as(CREW).post(ENGINE + "/task/" + smokeTest.getId() + "/complete",
        body(Map.of(WEB_UI_LOADS, true, SMOKE_TEST_NOTES, "x".repeat(2001)))), 400, SMOKE_TEST_NOTES);

    // Variable writes and other steering on the instance and its task, as every role but the administrator
    for (String role : PEOPLE) {
      for (Attempt attempt : steering(instance, smokeTest.getId(), deployId)) {
        AuditHttp.Response response = as(role).send(attempt.method(), ENGINE + attempt.path(), attempt.body(),
            Map.of());
        // Humans cannot even see a crew task: for them some endpoints answer 404 before anything else.
        assertThat(response.status()).as(role + " " + attempt.method() + " " + attempt.path() + ": " + response)
            .isIn(role.equals(HUMAN) ? List.of(403, 404) : List.of(403));
      }
    }
    expectRefusal(AuditHttp.tasklistSession(port, CREW).send("PUT", TASKLIST_ENGINE + "/task/" + smokeTest.getId()
        + "/variables/" + PREVIOUS_IMAGE, typed(EVIL_IMAGE), Map.of()), 403, "");
    expectRefusal(AuditHttp.tasklistSession(port, MAYOR).send("PUT", TASKLIST_ENGINE + "/process-instance/"
        + instance + "/variables/" + PREVIOUS_IMAGE, typed(EVIL_IMAGE), Map.of()), 403, "");
    assertThat(snapshot(instance)).isEqualTo(before);
    assertThat(taskService.createTaskQuery().taskId(smokeTest.getId()).count()).isOne();

    // The administrator may, and the operation log says who did what
    assertThat(as(ADMIN).put(ENGINE + "/process-instance/" + instance + "/variables/adminNote", typed("checked"))
        .status()).isEqualTo(204);
    UserOperationLogEntry logged = historyService.createUserOperationLogQuery().processInstanceId(instance)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_SET_VARIABLE).singleResult();
    assertThat(logged.getUserId()).isEqualTo(ADMIN);
    assertThat(historyService.createHistoricDetailQuery().variableUpdates().processInstanceId(instance).list())
        .anySatisfy(detail -> assertThat(detail.getUserOperationId()).isEqualTo(logged.getOperationId()));

    // The form, exactly: read-only fields may come back unchanged; the smoke test passes; the status update waits
    Map<String, Object> passed = new LinkedHashMap<>(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true,
        SMOKE_TEST_NOTES, "n".repeat(2000)));
    passed.put(DEPLOY_IMAGE, runtimeService.getVariable(instance, DEPLOY_IMAGE));
    assertThat(as(CREW).post(ENGINE + "/task/" + smokeTest.getId() + "/complete", body(passed)).status())
        .isEqualTo(204);
    Task statusUpdate = deploys.awaitTask(deployId, "Task_StatusUpdate");

    // File read: the report path is the application's; even the administrator's variable does not move it
    expectRefusal(as(CREW).put(ENGINE + "/task/" + statusUpdate.getId() + "/variables/" + STATUS_REPORT_PATH,
        typed("/etc/passwd")), 403, "set task variables");
    assertThat(as(ADMIN).put(ENGINE + "/process-instance/" + instance + "/variables/" + STATUS_REPORT_PATH,
        typed("/etc/passwd")).status()).isEqualTo(204);
    assertThat(as(CREW).post(ENGINE + "/task/" + statusUpdate.getId() + "/complete", body(Map.of())).status())
        .isEqualTo(204);
    deploys.awaitEnd(deployId);
    AuditHttp.Response report = as(AUDITOR).get("/api/deploys/" + deployId + "/status-report");
    assertThat(report.status()).isEqualTo(200);
    assertThat(report.body()).contains("Result: success").doesNotContain("root:x:0:0");
    assertThat(as(AUDITOR).get("/api/deploys/..%2F..%2Fpom/status-report").status()).isIn(400, 404);
  }

  @Test
  void aDeployStartsOnlyAtItsRequestWithItsFieldsAndANamedCrewMemberWhoIsNotTheRequester() {
    long instances = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
    Snapshot before = snapshot(null);
    Map<String, Object> request = request();

    Map<String, Object> skipping = new LinkedHashMap<>(body(request));
    skipping.put("startInstructions", List.of(Map.of("type", "startBeforeActivity", "activityId",
        "Task_RecordMetadata")));
    expectRefusal(as(MAYOR).post(AuditDeploys.START, skipping), 400, "startInstructions");
    expectRefusal(as(ADMIN).post(AuditDeploys.START, skipping), 400, "startInstructions");

    Map<String, Object> escaping = new LinkedHashMap<>(body(request));
    escaping.put("businessKey", "../../x");
    expectRefusal(as(MAYOR).post(AuditDeploys.START, escaping), 400, "businessKey");

    Map<String, Object> extra = new LinkedHashMap<>(request);
    extra.put(PREVIOUS_IMAGE, EVIL_IMAGE);
    extra.put(HEALTH_PASSES, "99");
    AuditHttp.Response unknown = as(MAYOR).post(AuditDeploys.START, body(extra));
    expectRefusal(unknown, 400, PREVIOUS_IMAGE);
    expectRefusal(unknown, 400, HEALTH_PASSES);
    expectRefusal(AuditHttp.tasklistSession(port, MAYOR).post(TASKLIST_ENGINE
        + "/process-definition/key/canary-deploy/submit-form", body(extra)), 400, PREVIOUS_IMAGE);

    expectRefusal(as(MAYOR).post(ENGINE + "/process-definition/key/request-rollback/start", body(Map.of(
        "deployId", "deploy-none", "reason", "test", PREVIOUS_IMAGE, EVIL_IMAGE))), 400, PREVIOUS_IMAGE);

    Map<String, Object> selfCrew = new LinkedHashMap<>(request);
    selfCrew.put(ASSIGNEE, "TerraNomadicCity/crew/Mayor");
    expectRefusal(as(MAYOR).post(AuditDeploys.START, body(selfCrew)), 400, ASSIGNEE);
    selfCrew.put(ASSIGNEE, "TerraNomadicCity/crew/" + MAYOR_AND_CREW);
    expectRefusal(as(MAYOR_AND_CREW).post(AuditDeploys.START, body(selfCrew)), 400, "must not be the requester");
    selfCrew.put(ASSIGNEE, "TerraNomadicCity/crew/Nobody");
    expectRefusal(as(MAYOR).post(AuditDeploys.START, body(selfCrew)), 400, ASSIGNEE);

    String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .latestVersion().singleResult().getId();
    expectRefusal(as(MAYOR).post(ENGINE + "/process-definition/" + definition + "/restart", Map.of(
        "processInstanceIds", List.of("any"), "instructions", List.of(Map.of("type", "startBeforeActivity",
            "activityId", "Task_RecordMetadata")))), 403, "");

    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()).isEqualTo(instances);
    assertThat(snapshot(null)).isEqualTo(before);
    assertThat(Path.of("target/x.json")).doesNotExist();
    assertThat(Path.of("x.json")).doesNotExist();
  }

  @Test
  void theRequesterCannotDecideTheirOwnDeployWhateverVariablesTheySend() {
    AuditDeploys deploys = deploys();
    String deployId = deploys.startUnreachable(as(MAYOR));
    Task escalation = deploys.awaitTask(deployId, "Task_MayorEscalation");
    Snapshot before = snapshot(escalation.getProcessInstanceId());

    expectRefusal(as(MAYOR).post(ENGINE + "/task/" + escalation.getId() + "/complete", body(Map.of(
        MAYOR_DECISION, "retry", REQUESTER, SECOND_MAYOR))), 400, REQUESTER);
    expectRefusal(as(MAYOR).put(ENGINE + "/process-instance/" + escalation.getProcessInstanceId() + "/variables/"
        + REQUESTER, typed(SECOND_MAYOR)), 403, "");
    expectRefusal(deploys.decide(as(MAYOR), escalation, "retry", "mine"), 403, "may not decide");
    assertThat(snapshot(escalation.getProcessInstanceId())).isEqualTo(before);

    // Another mayor forwards with a note as long as the form allows; the humans abort with theirs: all stored
    String longNote = "m".repeat(2000);
    assertThat(as(SECOND_MAYOR).post(ENGINE + "/task/" + escalation.getId() + "/complete", body(Map.of(
        MAYOR_DECISION, "forward", HUMAN_REASON, "INFRASTRUCTURE_ACCESS", MAYOR_NOTE, longNote))).status())
        .isEqualTo(204);
    Task humans = deploys.awaitTask(deployId, "Task_HumanDecision");
    expectRefusal(as(HUMAN).post(ENGINE + "/task/" + humans.getId() + "/complete", body(Map.of(
        HUMAN_DECISION, "abort", HUMAN_NOTE, "h".repeat(2001)))), 400, HUMAN_NOTE);
    assertThat(as(HUMAN).post(ENGINE + "/task/" + humans.getId() + "/complete", body(Map.of(
        HUMAN_DECISION, "abort", HUMAN_NOTE, "h".repeat(2000)))).status()).isEqualTo(204);
    deploys.awaitEnd(deployId);
    assertThat(historyService.createHistoricIncidentQuery().processInstanceId(escalation.getProcessInstanceId())
        .count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(
        escalation.getProcessInstanceId()).variableName(MAYOR_NOTE).singleResult().getValue()).isEqualTo(longNote);
  }

  @Test
  void browsersOfOtherSitesCannotChangeAnythingWhileScriptsAndThisApplicationsPagesCan() {
    long deployments = repositoryService.createDeploymentQuery().count();
    long instances = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count();
    String boundary = "mcd-boundary";
    String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nevil\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"evil.bpmn\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n<definitions/>\r\n--" + boundary + "--\r\n";
    Map<String, String> multipartFromEvil = Map.of("Origin", "http://evil.example",
        "Content-Type", "multipart/form-data; boundary=" + boundary);
    expectRefusal(as(ADMIN).send("POST", ENGINE + "/deployment/create", multipart, multipartFromEvil), 403,
        "another origin");
    expectRefusal(as(ADMIN).send("POST", AuditDeploys.START, body(request()), Map.of("Origin", "null")), 403,
        "another origin");
    expectRefusal(as(MAYOR).send("POST", AuditDeploys.START, body(request()),
        Map.of("Sec-Fetch-Site", "cross-site")), 403, "another site");
    expectRefusal(as(MAYOR).send("POST", "/api/deploys/any-deploy/rollback", Map.of("reason", "x"),
        Map.of("Origin", "https://evil.example")), 403, "another origin");
    // Only administrators deploy BPMN, whoever asks
    expectRefusal(as(MAYOR).send("POST", ENGINE + "/deployment/create", multipart,
        Map.of("Content-Type", "multipart/form-data; boundary=" + boundary)), 403, "");
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).count()).isEqualTo(instances);

    // This application's own pages (same origin) and command-line clients (no Origin) still work
    String deployId = deploys().start(as(MAYOR), "web", "unreachable", "mcd-test/app:healthy-v1");
    AuditHttp.Response sameOrigin = as(MAYOR).send("POST", AuditDeploys.START, body(request()),
        Map.of("Origin", "http://localhost:" + port, "Sec-Fetch-Site", "same-origin"));
    assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(200);
    for (String id : List.of(deployId, sameOrigin.json().get("businessKey").asText())) {
      Task escalation = deploys().awaitTask(id, "Task_MayorEscalation");
      assertThat(deploys().decide(as(SECOND_MAYOR), escalation, "abort", "cross-site test").status()).isEqualTo(204);
    }
  }

  /** Steering requests any role might try on a running deploy and its open task; all are the administrator's. */
  private static List<Attempt> steering(String instance, String taskId, String deployId) {
    Map<String, Object> evil = Map.of("modifications", AuditHttp.variables(Map.of(PREVIOUS_IMAGE, EVIL_IMAGE)));
    return List.of(
        new Attempt("PUT", "/task/" + taskId + "/variables/" + PREVIOUS_IMAGE, typed(EVIL_IMAGE)),
        new Attempt("POST", "/task/" + taskId + "/variables", evil),
        new Attempt("DELETE", "/task/" + taskId + "/variables/" + DEPLOY_IMAGE, null),
        new Attempt("PUT", "/task/" + taskId + "/localVariables/" + WEB_UI_LOADS, Map.of("value", true,
            "type", "Boolean")),
        new Attempt("PUT", "/process-instance/" + instance + "/variables/" + STATUS_REPORT_PATH,
            typed("/etc/passwd")),
        new Attempt("POST", "/process-instance/" + instance + "/variables", evil),
        new Attempt("DELETE", "/process-instance/" + instance + "/variables/" + REQUESTER, null),
        new Attempt("PUT", "/execution/" + instance + "/localVariables/" + CONTAINER_ID, typed("abc")),
        new Attempt("POST", "/process-instance/variables-async", Map.of("processInstanceIds", List.of(instance),
            "variables", AuditHttp.variables(Map.of(PREVIOUS_IMAGE, EVIL_IMAGE)))),
        new Attempt("POST", "/message", Map.of("messageName", "RollbackNow", "businessKey", deployId,
            "processVariables", AuditHttp.variables(Map.of(PREVIOUS_IMAGE, EVIL_IMAGE)))),
        new Attempt("POST", "/signal", Map.of("name", "anything")),
        new Attempt("POST", "/process-instance/" + instance + "/modification", Map.of("instructions",
            List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_RecordMetadata")))),
        new Attempt("PUT", "/process-instance/" + instance + "/suspended", Map.of("suspended", true)),
        new Attempt("DELETE", "/process-instance/" + instance, null),
        new Attempt("POST", "/process-instance/delete", Map.of("processInstanceIds", List.of(instance),
            "deleteReason", "gone")),
        new Attempt("POST", "/process-instance/job-retries", Map.of("processInstances", List.of(instance),
            "retries", 5)),
        new Attempt("POST", "/task/" + taskId + "/bpmnError", Map.of("errorCode", "HEALTH_FAILED")),
        new Attempt("POST", "/task/" + taskId + "/bpmnEscalation", Map.of("escalationCode", "ESCALATED")),
        new Attempt("POST", "/task/" + taskId + "/claim", Map.of("userId", MAYOR)),
        new Attempt("POST", "/task/" + taskId + "/assignee", Map.of("userId", MAYOR)),
        new Attempt("POST", "/task/" + taskId + "/delegate", Map.of("userId", MAYOR)),
        new Attempt("POST", "/task/" + taskId + "/resolve", Map.of()),
        new Attempt("POST", "/task/" + taskId + "/identity-links", Map.of("userId", MAYOR, "type", "candidate")),
        new Attempt("PUT", "/task/" + taskId, Map.of("name", "renamed", "assignee", MAYOR)));
  }

  private record Attempt(String method, String path, Object body) {}

  /** What an attack must not change: this deploy's variables and their history, containers, and files on disk. */
  private record Snapshot(List<String> containers, Map<String, Long> files, Map<String, Object> variables,
      long variableUpdates) {}

  private Snapshot snapshot(String instance) {
    Map<String, Object> variables = new TreeMap<>();
    long updates = 0;
    if (instance != null) {
      runtimeService.getVariables(instance).forEach((name, value) -> variables.put(name, String.valueOf(value)));
      updates = historyService.createHistoricDetailQuery().processInstanceId(instance).count();
    }
    return new Snapshot(containers(), files(), variables, updates);
  }

  private static List<String> containers() {
    try {
      Process docker = new ProcessBuilder("docker", "ps", "-a", "--no-trunc", "--filter", "name=mcd-itt",
          "--format", "{{.ID}} {{.Names}} {{.Image}} {{.State}} {{.CreatedAt}}").redirectErrorStream(true).start();
      String out = new String(docker.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(docker.waitFor()).as(out).isZero();
      return out.lines().sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Long> files() {
    Map<String, Long> files = new TreeMap<>();
    if (!Files.isDirectory(LOGS)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(LOGS)) {
      paths.filter(Files::isRegularFile).forEach(path -> {
        try {
          files.put(path.toString(), Files.size(path));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The answer has the status, and its body names what was refused (a field, a rule; "" checks no text). */
  private static void expectRefusal(AuditHttp.Response response, int status, String mention) {
    assertThat(response.status()).as(mention + ": " + response).isEqualTo(status);
    assertThat(response.body()).as(response.toString()).contains(mention);
  }

  private static Map<String, Object> request() {
    Map<String, Object> request = ProcessDriver.request("web", "unreachable", "mcd-test/app:healthy-v1");
    request.put(NOTES, "r".repeat(4000));
    return request;
  }

  private static Map<String, Object> body(Map<String, ?> fields) {
    return Map.of("variables", AuditHttp.variables(fields));
  }

  private static Map<String, Object> typed(String value) {
    return Map.of("value", value, "type", "String");
  }

  private AuditDeploys deploys() {
    return new AuditDeploys(taskService, historyService);
  }

  private AuditHttp as(String user) {
    return new AuditHttp(port, user);
  }
}
