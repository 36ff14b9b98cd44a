package com.mayorcrew.deploy.security;

import static com.mayorcrew.deploy.security.AccessTestContext.AUDITOR_PASSWORD;
import static com.mayorcrew.deploy.security.AccessTestContext.CREW_PASSWORD;
import static com.mayorcrew.deploy.security.AccessTestContext.MAYOR_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Real HTTP against /engine-rest and /api. No test sends a wrong password: one would lock the user for seconds. */
@AccessTestContext
class RestSecurityTest {

  @LocalServerPort
  int port;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  TaskService taskService;

  BasicAuthHttp http;
  String deploymentId;

  @BeforeEach
  void setUp() {
    http = new BasicAuthHttp(port);
  }

  @AfterEach
  void removeTestProcess() {
    if (deploymentId != null) {
      repositoryService.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void engineRestWithoutCredentialsIsRejectedWithBasicChallenge() {
    HttpResponse<String> response = http.get("/engine-rest/task");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        challenge -> assertThat(challenge).startsWith("Basic"));
  }

  @Test
  void engineRestWithMayorCredentialsIsServed() {
    assertThat(http.get("/engine-rest/task", "mayor", MAYOR_PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void applicationApiWithoutCredentialsIsRejected() {
    HttpResponse<String> response = http.get("/api/anything");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void applicationApiWithCredentialsPassesTheFilter() {
    // no controller maps /api/anything: an authenticated caller gets past the filter to a 404
    assertThat(http.get("/api/anything", "mayor", MAYOR_PASSWORD).statusCode()).isEqualTo(404);
  }

  @Test
  void auditorReadsProcessHistory() {
    assertThat(http.get("/engine-rest/history/process-instance", "auditor", AUDITOR_PASSWORD).statusCode())
        .isEqualTo(200);
  }

  @Test
  void mayorStartsDeployAuditorMayNotAndCrewCompletesItsTask() {
    deployTestProcess();

    HttpResponse<String> auditorStart = http.postJson(
        "/engine-rest/process-definition/key/canary-deploy/start", "{}", "auditor", AUDITOR_PASSWORD);
    HttpResponse<String> mayorStart = http.postJson(
        "/engine-rest/process-definition/key/canary-deploy/start", "{\"businessKey\":\"sec-test\"}",
        "mayor", MAYOR_PASSWORD);

    assertThat(auditorStart.statusCode()).isEqualTo(403);
    assertThat(mayorStart.statusCode()).isEqualTo(200);
    Task smokeTest = taskService.createTaskQuery().processInstanceBusinessKey("sec-test").singleResult();
    assertThat(http.get("/engine-rest/task?processDefinitionKey=canary-deploy", "ptilopsis", CREW_PASSWORD).body())
        .contains(smokeTest.getId());
    assertThat(http.postJson("/engine-rest/task/" + smokeTest.getId() + "/complete", "{}", "ptilopsis",
        CREW_PASSWORD).statusCode()).isEqualTo(204);
  }

  private void deployTestProcess() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(RoleGrants.PROCESS_KEY)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("smokeTest").camundaCandidateGroups("crew")
        .endEvent()
        .done();
    deploymentId = repositoryService.createDeployment()
        .addModelInstance("canary-deploy-security-test.bpmn", model)
        .deploy()
        .getId();
  }
}
