package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A changed model reaches running deploys only when an administrator migrates them (docs/schema-and-migration.md):
 * forms are bound to their deployment, so an open task keeps the form it was created with; the documented REST
 * sequence (generate a plan mapping equal activities, execute it for chosen instances) moves a deploy waiting at the
 * smoke test to the new version, where the crew completes it with the new form.
 */
@AuditTestContext
class ModelMigrationTest {

  private static final String NEW_WORDING = "Web UI loads (checklist v2)";

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RuntimeService runtimeService;
  @Autowired RepositoryService repositoryService;

  @Test
  void anOpenTaskKeepsItsFormUntilTheAdministratorMigratesItsDeployToTheNewModel() throws IOException {
    AuditDeploys deploys = new AuditDeploys(taskService, historyService);
    String deployId = deploys.start(as(MAYOR), "web", "local", "mcd-test/app:healthy-v1");
    Task smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest");
    String instanceId = smokeTest.getProcessInstanceId();
    String oldDefinition = smokeTest.getProcessDefinitionId();
    String newDeployment = deployChangedModel();
    try {
      String newDefinition = repositoryService.createProcessDefinitionQuery().deploymentId(newDeployment)
          .processDefinitionKey("canary-deploy").singleResult().getId();
      assertThat(newDefinition).isNotEqualTo(oldDefinition);
      assertThat(formOf(smokeTest)).contains("\"Web UI loads\"").doesNotContain(NEW_WORDING);

      // The documented sequence; migrating is the administrator's (a mayor is refused).
      AuditHttp.Response plan = as(ADMIN).post("/engine-rest/migration/generate", Map.of(
          "sourceProcessDefinitionId", oldDefinition, "targetProcessDefinitionId", newDefinition,
          "updateEventTriggers", true));
      assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
      assertThat(plan.json().get("instructions").toString()).contains("[\"Task_SmokeTest\"]");
      Map<String, Object> execute = Map.of("migrationPlan", plan.json(), "processInstanceIds", List.of(instanceId));
      assertThat(as(MAYOR).post("/engine-rest/migration/execute", execute).status()).isEqualTo(403);
      AuditHttp.Response migrated = as(ADMIN).post("/engine-rest/migration/execute", execute);
      assertThat(migrated.status()).as(migrated.toString()).isEqualTo(204);

      assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
          .getProcessDefinitionId()).isEqualTo(newDefinition);
      Task migratedTask = taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
      assertThat(migratedTask.getId()).isEqualTo(smokeTest.getId());
      assertThat(migratedTask.getName()).isEqualTo("Run smoke test");
      assertThat(formOf(migratedTask)).contains(NEW_WORDING);

      AuditHttp.Response completed = as(CREW).post("/engine-rest/task/" + smokeTest.getId() + "/complete",
          Map.of("variables", AuditHttp.variables(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true))));
      assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
      Task statusUpdate = deploys.awaitTask(deployId, "Task_StatusUpdate");
      assertThat(statusUpdate.getProcessDefinitionId()).isEqualTo(newDefinition);
      assertThat(as(CREW).post("/engine-rest/task/" + statusUpdate.getId() + "/complete", Map.of()).status())
          .isEqualTo(204);
      assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
          .activityId("Task_StatusUpdate").finished().count()).isOne();
    } finally {
      deleteWithRetries(newDeployment);
    }
  }

  /** The model and all its forms as one new deployment (as auto-deployment deploys a change), one label reworded. */
  private String deployChangedModel() throws IOException {
    DeploymentBuilder deployment = repositoryService.createDeployment().name("model-migration-test");
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        String form = Files.readString(file);
        if (file.getFileName().toString().equals("smoke-test.form")) {
          form = form.replace("\"label\": \"Web UI loads\"", "\"label\": \"" + NEW_WORDING + "\"");
        }
        deployment.addString("processes/" + file.getFileName(), form);
      }
    }
    deployment.addString("processes/canary-deploy.bpmn", Files.readString(Path.of("processes/canary-deploy.bpmn")));
    return deployment.deploy().getId();
  }

  private String formOf(Task task) {
    AuditHttp.Response form = as(CREW).get("/engine-rest/task/" + task.getId() + "/deployed-form");
    assertThat(form.status()).as(form.toString()).isEqualTo(200);
    return form.body();
  }

  /** The job executor runs: the deploy may be mid-step while its version is removed, so a conflict is retried. */
  private void deleteWithRetries(String deploymentId) {
    for (int attempt = 1; ; attempt++) {
      try {
        repositoryService.deleteDeployment(deploymentId, true, true);
        return;
      } catch (OptimisticLockingException e) {
        if (attempt == 5) {
          throw e;
        }
      }
    }
  }

  private AuditHttp as(String user) {
    return new AuditHttp(port, user);
  }
}
