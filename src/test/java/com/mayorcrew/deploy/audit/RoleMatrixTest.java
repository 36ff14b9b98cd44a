package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Walks the authorization matrix (docs/security.md, "Authorizations") through REST as each role: every allowed action
 * succeeds, every other is refused with 401 or 403. Every mismatch is collected, so one run shows the whole table.
 */
@AuditTestContext
class RoleMatrixTest {

  private static final List<String> ROLES = List.of(MAYOR, CREW, HUMAN, AUDITOR, ADMIN);

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;

  AuditDeploys deploys;
  final List<String> mismatches = new ArrayList<>();

  @BeforeEach
  void setUp() {
    deploys = new AuditDeploys(taskService, historyService);
  }

  @Test
  void everyRoleCanDoWhatTheMatrixAllowsAndNothingElse() {
    // start a deploy: mayor and admin; the others' requests are refused before validation
    for (String role : List.of(CREW, HUMAN, AUDITOR)) {
      expect(role + " starts a deploy", as(role).post(AuditDeploys.START, Map.of()).status(), 403);
    }
    expect("anonymous starts a deploy", AuditHttp.anonymous(port).post(AuditDeploys.START, Map.of()).status(), 401);
    String byAdmin = deploys.startUnreachable(as(ADMIN));
    String byMayor = deploys.startUnreachable(as(MAYOR));
    String healthy = deploys.start(as(MAYOR), "web", "local", "mcd-test/app:healthy-v1");

    // escalation tasks: the mayor's group sees and decides them; admin can too; auditors only see them
    Task adminsEscalation = deploys.awaitTask(byAdmin, "Task_MayorEscalation");
    checkTaskVisibility(adminsEscalation, Set.of(MAYOR, AUDITOR, ADMIN));
    for (String role : List.of(CREW, HUMAN, AUDITOR)) {
      expect(role + " decides an escalation", deploys.decide(as(role), adminsEscalation, "abort", "no").status(), 403);
    }
    expect("mayor decides an escalation", deploys.decide(as(MAYOR), adminsEscalation, "abort", "matrix").status(), 204);
    Task mayorsEscalation = deploys.awaitTask(byMayor, "Task_MayorEscalation");
    expect("admin decides an escalation", deploys.decide(as(ADMIN), mayorsEscalation, "abort", "matrix").status(),
        204);

    // crew tasks: the crew sees and completes them; mayor and auditors only see them
    Task smokeTest = deploys.awaitTask(healthy, "Task_SmokeTest");
    checkTaskVisibility(smokeTest, Set.of(MAYOR, CREW, AUDITOR, ADMIN));
    Map<String, Object> passed = Map.of("variables", AuditHttp.variables(Map.of(WEB_UI_LOADS, true,
        DASHBOARD_LOADS, true)));
    for (String role : List.of(MAYOR, HUMAN, AUDITOR)) {
      expect(role + " completes the smoke test", complete(role, smokeTest, passed), 403);
    }
    // change a running instance's variables: admin only (recorded in the operation log); cancel it: admin only
    String instance = smokeTest.getProcessInstanceId();
    Map<String, Object> probe = Map.of("modifications", AuditHttp.variables(Map.of("matrixProbe", "x")));
    for (String role : ROLES) {
      expect(role + " modifies a running deploy",
          as(role).post("/engine-rest/process-instance/" + instance + "/variables", probe).status(),
          role.equals(ADMIN) ? 204 : 403);
    }
    expect("crew completes the smoke test", complete(CREW, smokeTest, passed), 204);
    Task statusUpdate = deploys.awaitTask(healthy, "Task_StatusUpdate");
    for (String role : List.of(MAYOR, HUMAN, AUDITOR)) {
      expect(role + " sends the status update", complete(role, statusUpdate, Map.of()), 403);
    }
    expect("crew sends the status update", complete(CREW, statusUpdate, Map.of()), 204);
    String toCancel = deploys.startUnreachable(as(ADMIN));
    String cancelId = deploys.awaitTask(toCancel, "Task_MayorEscalation").getProcessInstanceId();
    for (String role : List.of(MAYOR, CREW, HUMAN, AUDITOR)) {
      expect(role + " cancels a deploy", as(role).delete("/engine-rest/process-instance/" + cancelId).status(), 403);
    }
    expect("admin cancels a deploy", as(ADMIN).delete("/engine-rest/process-instance/" + cancelId).status(), 204);

    // reading: history, engine REST, the history pages and exports
    deploys.awaitEnd(byAdmin);
    for (String role : ROLES) {
      expectSees(role, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + byAdmin, byAdmin, true);
      expectSees(role, "/engine-rest/process-definition?key=canary-deploy", "canary-deploy", true);
      expectSees(role, "/engine-rest/deployment", "\"id\"", Set.of(MAYOR, AUDITOR, ADMIN).contains(role));
      expectSees(role, "/history?requester=admin", "/history/" + byAdmin, true);
      expectSees(role, "/history/" + byAdmin, "Resolve escalation", true);
      expectSees(role, "/api/history/deploys?requester=admin", byAdmin, true);
      expectSees(role, "/api/history/deploys/" + byAdmin + "?format=csv", "mayorDecision = abort", true);
      expectSees(role, "/api/deploys/" + byAdmin + "/status-report", "Result: failed", true);
    }
    for (String path : List.of("/history", "/history/" + byAdmin, "/api/history/deploys",
        "/api/history/deploys/" + byAdmin, "/engine-rest/history/process-instance", "/engine-rest/task")) {
      expect("anonymous reads " + path, AuditHttp.anonymous(port).get(path).status(), 401);
    }
    assertThat(mismatches).as("authorization matrix mismatches").isEmpty();
  }

  @Test
  void theRequesterMayNotDecideAnEscalationOfTheirOwnDeploy() {
    // A tiny model with the rule attached as the lead attaches it to the escalation and approval tasks.
    String deployment = repositoryService.createDeployment().addModelInstance("requester-rule.bpmn",
        Bpmn.createExecutableProcess("requester-rule-test").camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_MayorEscalation").name("Resolve escalation").camundaCandidateGroups("mayor")
            .camundaFormRef("mayor-escalation").camundaFormRefBinding("latest")
            .camundaTaskListenerDelegateExpression("complete", "${requesterMayNotDecideListener}")
            .userTask("Task_ResolveTechnicalFault").name("Resolve technical fault").camundaCandidateGroups("mayor")
            .camundaFormRef("technical-fault").camundaFormRefBinding("latest")
            .camundaTaskListenerDelegateExpression("complete", "${requesterMayNotDecideListener}")
            .endEvent().done()).deploy().getId();
    try {
      // The requester is who the engine recorded as starting the instance; a variable naming someone else is moot.
      // (with the admin group only so that the test model may be started: it grants mayors nothing)
      identityService.setAuthentication(MAYOR, List.of("camunda-admin"));
      try {
        runtimeService.startProcessInstanceByKey("requester-rule-test", "deploy-own-escalation",
            Map.of(REQUESTER, SECOND_MAYOR));
      } finally {
        identityService.clearAuthentication();
      }
      Task escalation = taskService.createTaskQuery().processInstanceBusinessKey("deploy-own-escalation")
          .singleResult();

      AuditHttp.Response ownDecision = deploys.decide(as(MAYOR), escalation, "retry", "it is fine");
      assertThat(ownDecision.status()).isEqualTo(403);
      assertThat(ownDecision.json().get("message").asText())
          .contains("'mayor' requested deploy deploy-own-escalation and may not decide 'Resolve escalation'");
      assertThat(taskService.createTaskQuery().taskId(escalation.getId()).count()).isOne();

      // Tasklist completes through the webapps' own engine API: the same 403, not a 500.
      AuditHttp.Response inTasklist = AuditHttp.tasklistSession(port, MAYOR).post(
          "/camunda/api/engine/engine/default/task/" + escalation.getId() + "/submit-form",
          Map.of("variables", AuditHttp.variables(Map.of(MAYOR_DECISION, "retry", MAYOR_NOTE, "it is fine"))));
      assertThat(inTasklist.status()).as(inTasklist.toString()).isEqualTo(403);
      assertThat(inTasklist.json().get("message").asText()).contains("may not decide 'Resolve escalation'");
      assertThat(taskService.createTaskQuery().taskId(escalation.getId()).count()).isOne();

      assertThat(deploys.decide(as(SECOND_MAYOR), escalation, "abort", "four eyes").status()).isEqualTo(204);

      // A decision task outside mcd.access.four-eyes is the requester's to take as well.
      Task fault = taskService.createTaskQuery().processInstanceBusinessKey("deploy-own-escalation").singleResult();
      AuditHttp.Response ownFaultDecision = as(MAYOR).post("/engine-rest/task/" + fault.getId() + "/complete",
          Map.of("variables", AuditHttp.variables(Map.of(FAULT_DECISION, "abort"))));
      assertThat(ownFaultDecision.status()).as(ownFaultDecision.toString()).isEqualTo(204);
    } finally {
      repositoryService.deleteDeployment(deployment, true);
    }
  }

  private void checkTaskVisibility(Task task, Set<String> allowed) {
    for (String role : ROLES) {
      expectSees(role, "/engine-rest/task?processInstanceId=" + task.getProcessInstanceId(), task.getId(),
          allowed.contains(role));
    }
  }

  private int complete(String role, Task task, Map<String, Object> body) {
    return as(role).post("/engine-rest/task/" + task.getId() + "/complete", body).status();
  }

  private void expectSees(String role, String path, String marker, boolean sees) {
    AuditHttp.Response response = as(role).get(path);
    if (response.status() != 200 || response.body().contains(marker) != sees) {
      mismatches.add(role + " GET " + path + (sees ? " should" : " should not") + " show " + marker + ": "
          + response.status());
    }
  }

  private void expect(String action, int status, int expected) {
    if (status != expected) {
      mismatches.add(action + ": " + status + ", expected " + expected);
    }
  }

  private AuditHttp as(String user) {
    return new AuditHttp(port, user);
  }
}
