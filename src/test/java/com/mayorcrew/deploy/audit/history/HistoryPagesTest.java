package com.mayorcrew.deploy.audit.history;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.audit.AuditDeploys;
import com.mayorcrew.deploy.audit.AuditHttp;
import com.mayorcrew.deploy.audit.AuditTestContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The history pages and exports answer "who approved what, when and why" for a deploy that escalated and was
 * aborted through REST, reading the engine's history as the auditor.
 */
@AuditTestContext
class HistoryPagesTest {

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;
  @Autowired ProcessEngineConfigurationImpl engineConfiguration;

  AuditHttp auditor;
  AuditDeploys deploys;

  @BeforeEach
  void setUp() {
    auditor = new AuditHttp(port, AUDITOR);
    deploys = new AuditDeploys(taskService, historyService);
  }

  @Test
  void theTimelineAttributesTheEscalationDecisionToTheUserWhoMadeItThroughRest() {
    String deployId = deploys.abortedAfterEscalation(new AuditHttp(port, MAYOR), new AuditHttp(port, SECOND_MAYOR),
        "daemon is down for maintenance");

    JsonNode timeline = auditor.get("/api/history/deploys/" + deployId).json();

    assertThat(timeline.at("/deploy/requester").asText()).isEqualTo(MAYOR);
    assertThat(timeline.at("/deploy/result").asText()).isEqualTo("failed");
    assertThat(timeline.at("/request/canaryHost").asText()).isEqualTo("unreachable");
    JsonNode escalationTask = find(timeline.get("tasks"), "taskDefinitionKey", "Task_MayorEscalation");
    assertThat(escalationTask.get("completedBy").asText()).isEqualTo(SECOND_MAYOR);
    assertThat(escalationTask.at("/variablesSet/mayorDecision").asText()).isEqualTo("abort");
    assertThat(escalationTask.at("/variablesSet/mayorNote").asText()).isEqualTo("daemon is down for maintenance");
    assertThat(escalationTask.get("candidateGroups").toString()).contains("mayor");
    JsonNode decision = find(timeline.get("decisions"), "variable", "mayorDecision");
    assertThat(decision.get("user").asText()).isEqualTo(SECOND_MAYOR);
    assertThat(decision.get("taskName").asText()).isEqualTo("Resolve escalation");
    assertThat(find(timeline.get("decisions"), "variable", "mayorNote").get("value").asText())
        .isEqualTo("daemon is down for maintenance");
    JsonNode escalation = timeline.get("escalations").get(0);
    assertThat(escalation.get("reason").asText()).isEqualTo("DOCKER_UNAVAILABLE");
    assertThat(escalation.get("step").asText()).isEqualTo("Check Docker daemon");
    assertThat(escalation.get("tiers").toString()).isEqualTo("[\"mayor\"]");
    assertThat(escalation.get("decidedBy").asText()).isEqualTo(SECOND_MAYOR);
    assertThat(escalation.get("decision").asText()).isEqualTo("mayorDecision=abort");
    assertThat(timeline.get("escalationLog").asText()).contains("DOCKER_UNAVAILABLE at Check Docker daemon");
    assertThat(find(timeline.get("activities"), "activityId", "Task_CheckDockerDaemon").get("outcome").asText())
        .isEqualTo("escalated: DOCKER_UNAVAILABLE");
    assertThat(timeline.get("metadata").asText()).contains("\"result\" : \"failed\"", "\"deploy_id\" : \"" + deployId);
    assertThat(timeline.get("statusReport").asText()).contains("- Result: failed");
    assertThat(timeline.get("operationLog").toString()).contains("\"user\":\"" + SECOND_MAYOR + "\"",
        "\"operation\":\"Complete\"");

    // The engine's own user operation log holds the same attribution.
    JsonNode completions = auditor.get("/engine-rest/history/user-operation?operationType=Complete&taskId="
        + escalationTask.get("taskId").asText()).json();
    assertThat(completions.get(0).get("userId").asText()).isEqualTo(SECOND_MAYOR);

    String page = auditor.get("/history/" + deployId).body();
    assertThat(page).contains("Resolve escalation", SECOND_MAYOR, "daemon is down for maintenance",
        "DOCKER_UNAVAILABLE", "Check Docker daemon", "<pre>");
    String csv = auditor.get("/api/history/deploys/" + deployId + "?format=csv").body();
    assertThat(csv).startsWith("deployId,time,type,activityId,name,user,detail\r\n")
        .contains("decision,,Resolve escalation," + SECOND_MAYOR + ",mayorDecision = abort");
  }

  @Test
  void theListFiltersPagesAndExportsNewestFirst() {
    AuditHttp mayor = new AuditHttp(port, MAYOR);
    String older = deploys.abortedAfterEscalation(mayor, new AuditHttp(port, SECOND_MAYOR), "first");
    String newer = deploys.abortedAfterEscalation(mayor, new AuditHttp(port, SECOND_MAYOR), "second");
    String today = LocalDate.now(ZoneOffset.UTC).toString();

    JsonNode failed = auditor.get("/api/history/deploys?requester=mayor&result=failed&host=unreachable"
        + "&service=web&environment=canary&from=" + today + "&to=" + today + "&size=500").json();
    assertThat(failed.get("deploys").findValuesAsText("deployId")).contains(older, newer);
    assertThat(failed.get("deploys").findValuesAsText("deployId").indexOf(newer))
        .isLessThan(failed.get("deploys").findValuesAsText("deployId").indexOf(older));

    assertThat(ids("/api/history/deploys?result=success&size=500")).doesNotContain(older, newer);
    assertThat(ids("/api/history/deploys?requester=" + SECOND_MAYOR + "&size=500")).doesNotContain(older);
    assertThat(ids("/api/history/deploys?from=" + LocalDate.now(ZoneOffset.UTC).plusDays(1))).isEmpty();
    assertThat(ids("/api/history/deploys?host=unreachable&size=1&page=1")).containsExactly(newer);
    JsonNode secondPage = auditor.get("/api/history/deploys?host=unreachable&size=1&page=2").json();
    assertThat(secondPage.get("page").asInt()).isEqualTo(2);
    assertThat(secondPage.get("total").asLong()).isGreaterThanOrEqualTo(2);

    AuditHttp.Response csv = auditor.get("/api/history/deploys?host=unreachable", "text/csv");
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("deployId,state,result,service,host,environment,requester,title,")
        .contains(newer + ",COMPLETED,failed,web,unreachable,canary,mayor,");

    AuditHttp.Response page = auditor.get("/history?host=unreachable&result=failed");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("/history/" + newer, "/history/" + older);
    assertThat(auditor.get("/history?result=success").body()).doesNotContain("/history/" + newer);
    assertThat(auditor.get("/history/no-such-deploy").status()).isEqualTo(404);
    assertThat(auditor.get("/api/history/deploys/no-such-deploy").status()).isEqualTo(404);
  }

  @Test
  void historyIsKeptAtLeastAYearAndCleanedUpAtNight() {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey("canary-deploy").latestVersion().singleResult();

    assertThat(definition.getHistoryTimeToLive()).isGreaterThanOrEqualTo(365);
    assertThat(engineConfiguration.getHistoryLevel().getName()).isEqualTo("full");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(engineConfiguration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
  }

  private java.util.List<String> ids(String path) {
    AuditHttp.Response response = auditor.get(path);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("deploys").findValuesAsText("deployId");
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode node : array) {
      if (value.equals(node.path(field).asText())) {
        return node;
      }
    }
    throw new AssertionError("no element with " + field + "=" + value + " in " + array);
  }
}
