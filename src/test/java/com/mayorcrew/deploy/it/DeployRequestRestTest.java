package com.mayorcrew.deploy.it;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.mayorcrew.deploy.browser.BrowserScripts;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.process.ProcessDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Deploy requests through the REST API as the mayor, with the job executor running, against the real Docker
 * engine: what a user of the running application sees.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "mcd.access.users[0].id=mayor", "mcd.access.users[0].password=mayor-pw", "mcd.access.users[0].groups[0]=mayor",
    "mcd.access.users[1].id=ptilopsis", "mcd.access.users[1].password=crew-pw", "mcd.access.users[1].groups[0]=crew",
    "mcd.access.users[2].id=auditor", "mcd.access.users[2].password=auditor-pw",
    "mcd.access.users[2].groups[0]=auditors",
    "mcd.hosts.local.expected-name=", "mcd.services.web.container-name=mcd-it-rest-web",
    "mcd.services.web.env.PORT=18211", "mcd.services.web.health.url=http://127.0.0.1:18211/health"})
@ActiveProfiles("test")
class DeployRequestRestTest {

  private static final String START = "/engine-rest/process-definition/key/canary-deploy/start";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired org.camunda.bpm.engine.RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ContainerService containers;
  @Autowired DockerClients dockerClients;

  RestClient mayor;
  RestClient crew;

  /**
   * The job executor runs: a deploy may be mid-step or just ending when it is cancelled, so a delete that conflicts
   * (optimistic locking) or finds the instance half gone or already ended is tried again.
   */
  @org.junit.jupiter.api.AfterEach
  void cancelRunningDeploys() throws InterruptedException {
    for (int attempt = 1; !runtimeService.createProcessInstanceQuery().list().isEmpty(); attempt++) {
      try {
        runtimeService.createProcessInstanceQuery().list()
            .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test cleanup"));
      } catch (OptimisticLockingException | NullValueException | NotFoundException busy) {
        if (attempt == 20) {
          throw busy;
        }
        Thread.sleep(100);
      }
    }
    containers.removeContainer("local", "mcd-it-rest-web");
  }

  @BeforeEach
  void setUp() {
    mayor = new RestClient(port, "mayor", "mayor-pw");
    crew = new RestClient(port, "ptilopsis", "crew-pw");
    containers.removeContainer("local", "mcd-it-rest-web");
  }

  @Test
  void aDeployRequestRunsToTheCrewWithTheNewContainerHealthyAndThePreviousImageRecorded() throws Exception {
    finishAsCrew(startDeploy("mcd-test/app:healthy-v1")); // one deploy per host: the first must end first

    long started = System.nanoTime();
    String second = startDeploy("mcd-test/app:healthy-v2");
    Task smokeTest = awaitTask(second, "Task_SmokeTest");
    System.out.printf("happy path, REST start to the crew's smoke-test task: %d ms%n",
        Duration.ofNanos(System.nanoTime() - started).toMillis());

    assertThat(smokeTest.getAssignee()).isEqualTo("ptilopsis");
    InspectContainerResponse container = dockerClients.forHost("local").inspectContainerCmd("mcd-it-rest-web").exec();
    assertThat(container.getConfig().getImage()).isEqualTo("mcd-test/app:healthy-v2");
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    JsonNode variables = mayor.get("/engine-rest/process-instance/" + smokeTest.getProcessInstanceId() + "/variables").json();
    assertThat(variables.at("/previousImage/value").asText()).isEqualTo("mcd-test/app:healthy-v1");
    assertThat(variables.at("/requester/value").asText()).isEqualTo("mayor");
    assertThat(variables.at("/deployResult/value").asText()).isEqualTo("success");

    // The crew finishes the run in Tasklist's REST API; the report is then served as text.
    assertThat(crew.post("/engine-rest/task/" + smokeTest.getId() + "/complete", Map.of("variables",
        RestClient.variables(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true)))).status()).isEqualTo(204);
    Task statusUpdate = awaitTask(second, "Task_StatusUpdate");
    assertThat(crew.post("/engine-rest/task/" + statusUpdate.getId() + "/complete", Map.of()).status()).isEqualTo(204);
    RestClient.Response report = awaitReport(second);
    assertThat(report.body()).startsWith("Status: done").contains("- Result: success", "- Host: local");
  }

  @Test
  void anUnhealthyImageIsRolledBackAndThePreviousContainerIsHealthyAgain() throws Exception {
    String first = startDeploy("mcd-test/app:healthy-v1");
    finishAsCrew(first);

    String unhealthy = startDeploy("mcd-test/app:unhealthy");
    HistoricProcessInstance ended = awaitEnd(unhealthy);
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_DeployRolledBack");
    InspectContainerResponse container = dockerClients.forHost("local").inspectContainerCmd("mcd-it-rest-web").exec();
    assertThat(container.getConfig().getImage()).isEqualTo("mcd-test/app:healthy-v1");
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    Instant unhealthyAt = lastEnd(ended, "Task_ProbeHealth");
    Instant healthyAgainAt = lastEnd(ended, "Task_ProbeRolledBackContainer");
    System.out.printf("rollback, container judged unhealthy to previous container healthy again: %d ms%n",
        Duration.between(unhealthyAt, healthyAgainAt).toMillis());
  }

  @Test
  void anUnhealthyFirstDeployCannotRollBackAndReachesTheMayor() throws Exception {
    String deployId = startDeploy("mcd-test/app:unhealthy");
    Task escalation = awaitTask(deployId, "Task_MayorEscalation");
    JsonNode variables = mayor.get("/engine-rest/process-instance/" + escalation.getProcessInstanceId() + "/variables").json();
    assertThat(variables.at("/escalationReason/value").asText()).isEqualTo("ROLLBACK_FAILED");
    assertThat(variables.at("/escalationEvidence/value").asText()).contains("unhealthy");
    assertThat(mayor.get("/engine-rest/task/" + escalation.getId() + "/deployed-form").status()).isEqualTo(200);
  }

  @Test
  void aMayorRollsBackNowThroughRestWithWhoAndWhyRecorded() throws Exception {
    finishAsCrew(startDeploy("mcd-test/app:healthy-v1"));
    String deployId = startDeploy("mcd-test/app:healthy-v2");
    awaitTask(deployId, "Task_SmokeTest");

    assertThat(crew.post("/api/deploys/" + deployId + "/rollback", Map.of("reason", "x")).status()).isEqualTo(403);
    assertThat(mayor.post("/api/deploys/" + deployId + "/rollback", Map.of("reason", " ")).status()).isEqualTo(400);
    assertThat(mayor.post("/api/deploys/no-such-deploy/rollback", Map.of("reason", "x")).status()).isEqualTo(409);
    RestClient.Response accepted = mayor.post("/api/deploys/" + deployId + "/rollback", Map.of("reason", "error rate up"));
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().get("requestedBy").asText()).isEqualTo("mayor");

    HistoricProcessInstance ended = awaitEnd(deployId);
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_DeployRolledBack");
    assertThat(awaitReport(deployId).body()).contains("roll back now requested by mayor: error rate up");
    assertThat(dockerClients.forHost("local").inspectContainerCmd("mcd-it-rest-web").exec().getConfig().getImage())
        .isEqualTo("mcd-test/app:healthy-v1");
  }

  @Test
  void aHostWhoseDockerEndpointDoesNotAnswerFailsThePrecheck() throws Exception {
    Map<String, Object> request = ProcessDriver.request("web", "unreachable", "mcd-test/app:healthy-v1");
    String deployId = start(request).json().get("businessKey").asText();
    Task escalation = awaitTask(deployId, "Task_MayorEscalation");
    JsonNode variables = mayor.get("/engine-rest/process-instance/" + escalation.getProcessInstanceId() + "/variables").json();
    assertThat(variables.at("/escalationReason/value").asText()).isEqualTo("DOCKER_UNAVAILABLE");
    assertThat(variables.at("/escalationStep/value").asText()).isEqualTo("Task_CheckDockerDaemon");
  }

  @Test
  void aBadRequestIsRefusedWith400NamingEachFieldAndNothingIsCreated() throws Exception {
    List<Container> before = testContainers();
    long instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
    Map<String, Object> request = ProcessDriver.request("web", "no-such-host", "mcd-test/app:healthy-v1");
    request.put(PRIORITY, "urgent");
    request.put(SERVICE, "web$(reboot)");

    RestClient.Response response = start(request);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("message").asText())
        .contains("priority: must be one of P0, P1, P2", "service: must be one of", "canaryHost: must be one of");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(testContainers()).hasSameSizeAs(before);
  }

  @Test
  void aMayorRequestsADeployWithTheStartFormInTasklist() throws Exception {
    BrowserScripts.Result browser = BrowserScripts.run("tasklist-start-form.mjs", Map.of(
        "BASE_URL", "http://localhost:" + port, "USER", "mayor", "PASSWORD", "mayor-pw", "SERVICE", "web",
        "HOST", "unreachable", "GASTOWN_REF", "0123456789abcdef0123456789abcdef01234567",
        "IMAGE", "mcd-test/app:healthy-v1"));
    assertThat(browser.exitCode()).as(browser.output()).isZero();

    HistoricProcessInstance deploy = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).variableValueEquals(TITLE, "Canary deploy from Tasklist").singleResult();
    assertThat(deploy.getBusinessKey()).startsWith("deploy-");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(deploy.getId())
        .variableName(REQUESTER).singleResult().getValue()).isEqualTo("mayor");
    awaitTask(deploy.getBusinessKey(), "Task_MayorEscalation");
  }

  @Test
  void theStartFormIsServedToTheMayor() throws Exception {
    RestClient.Response form = mayor.get("/engine-rest/process-definition/key/canary-deploy/deployed-start-form");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body()).contains("\"gastownRef\"", "\"rollbackCriteria\"");
  }

  private void finishAsCrew(String deployId) throws Exception {
    Task smokeTest = awaitTask(deployId, "Task_SmokeTest");
    assertThat(crew.post("/engine-rest/task/" + smokeTest.getId() + "/complete", Map.of("variables",
        RestClient.variables(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true)))).status()).isEqualTo(204);
    Task statusUpdate = awaitTask(deployId, "Task_StatusUpdate");
    assertThat(crew.post("/engine-rest/task/" + statusUpdate.getId() + "/complete", Map.of()).status()).isEqualTo(204);
    awaitEnd(deployId);
  }

  private HistoricProcessInstance awaitEnd(String deployId) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(deployId).singleResult();
      if (instance != null && instance.getEndTime() != null) {
        return instance;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(deployId + " did not end within " + WAIT);
  }

  private Instant lastEnd(HistoricProcessInstance deploy, String activityId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId(activityId).finished().orderByHistoricActivityInstanceEndTime().desc().list().get(0)
        .getEndTime().toInstant();
  }

  private String startDeploy(String image) throws Exception {
    RestClient.Response response = start(ProcessDriver.request("web", "local", image));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("businessKey").asText();
  }

  private RestClient.Response start(Map<String, Object> request) throws Exception {
    request.values().removeIf(value -> value == null || "".equals(value));
    return mayor.post(START, Map.of("variables", RestClient.variables(request)));
  }

  private Task awaitTask(String deployId, String taskKey) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Task task = taskService.createTaskQuery().processInstanceBusinessKey(deployId).taskDefinitionKey(taskKey)
          .singleResult();
      if (task != null) {
        return task;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(deployId + " did not reach " + taskKey + " within " + WAIT);
  }

  private RestClient.Response awaitReport(String deployId) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    RestClient.Response response;
    do {
      response = mayor.get("/api/deploys/" + deployId + "/status-report");
      if (response.status() == 200) {
        return response;
      }
      Thread.sleep(100);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no status report for " + deployId + ": " + response);
  }

  private List<Container> testContainers() {
    return dockerClients.forHost("local").listContainersCmd().withShowAll(true)
        .withNameFilter(List.of("^/mcd-it-")).exec();
  }
}
