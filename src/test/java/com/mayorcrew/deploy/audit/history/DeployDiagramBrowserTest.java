package com.mayorcrew.deploy.audit.history;

import static com.mayorcrew.deploy.audit.AuditUsers.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.audit.AuditDeploys;
import com.mayorcrew.deploy.audit.AuditHttp;
import com.mayorcrew.deploy.audit.AuditTestContext;
import com.mayorcrew.deploy.browser.BrowserScripts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The deploy page's diagram in headless Chromium (src/test/browser/deploy-diagram.mjs): for a deploy that escalated
 * and was aborted, one still waiting for the mayor, one that landed (happy path), one rolled back after a failed health
 * check and one the humans decided after a mayor forwarded it, the elements the page marks as run are exactly the
 * engine's historic activity instances, and the flows it marks as taken join activities that ran, with every
 * activity that ran entered through one of them. Screenshots: target/screenshots/diagram-*.png.
 */
@AuditTestContext
class DeployDiagramBrowserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired RepositoryService repositoryService;

  @Test
  void theDiagramMarksExactlyWhatTheEngineRecordedForFinishedAndRunningDeploys() throws Exception {
    AuditDeploys deploys = new AuditDeploys(taskService, historyService);
    AuditHttp mayor = new AuditHttp(port, MAYOR);
    String aborted = deploys.abortedAfterEscalation(mayor, new AuditHttp(port, SECOND_MAYOR), "host is down");
    String byHumans = decidedByTheHumans(deploys, mayor);
    String landed = landedDeploy(deploys, mayor);
    String rolledBack = rolledBackDeploy(deploys, mayor);
    // Last: while it waits for the mayor it holds the 'unreachable' host.
    String waiting = deploys.startUnreachable(mayor);
    Task escalation = deploys.awaitTask(waiting, "Task_MayorEscalation");
    try {
      showsTheEnginesPath(aborted, waiting, landed, rolledBack, byHumans);
    } finally {
      // The running deploy holds the 'unreachable' host: end it so other tests' deploys get the host.
      deploys.decide(new AuditHttp(port, SECOND_MAYOR), escalation, "abort", "test over");
      deploys.awaitEnd(waiting);
    }
  }

  private void showsTheEnginesPath(String aborted, String waiting, String... finished)
      throws Exception {
    List<String> deployIds = new ArrayList<>(List.of(aborted, waiting));
    deployIds.addAll(List.of(finished));
    BrowserScripts.Result browser = BrowserScripts.run("deploy-diagram.mjs", Map.of(
        "BASE_URL", "http://localhost:" + port, "AUDITOR", AUDITOR, "PASSWORD", PASSWORD,
        "DEPLOY_IDS", String.join(",", deployIds)));
    assertThat(browser.exitCode()).as(browser.output()).isZero();

    for (String deployId : deployIds) {
      JsonNode shown = shownOnThePage(browser.output(), deployId);
      HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(deployId).singleResult();
      Set<String> ran = historyService.createHistoricActivityInstanceQuery()
          .processInstanceId(instance.getId()).list().stream().map(HistoricActivityInstance::getActivityId)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(strings(shown.get("ran"))).as(deployId + " activities").isEqualTo(ran);
      assertFlowsJoinTheActivitiesThatRan(repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId()),
          ran, strings(shown.get("taken")), deployId);
      assertThat(BrowserScripts.SCREENSHOTS.resolve("diagram-" + deployId + ".png")).isNotEmptyFile();
    }
    JsonNode waitingShown = shownOnThePage(browser.output(), waiting);
    assertThat(strings(waitingShown.get("waiting"))).contains("Task_MayorEscalation");

    // The diagram's data is authorized like the page it belongs to.
    for (String user : new String[] {AUDITOR, CREW, HUMAN, MAYOR}) {
      AuditHttp as = new AuditHttp(port, user);
      assertThat(as.get("/history/" + aborted + "/diagram", "application/json").status()).as(user)
          .isEqualTo(as.get("/history/" + aborted).status());
    }
    assertThat(new AuditHttp(port, AUDITOR).get("/history/" + aborted + "/diagram", "application/json").status())
        .isEqualTo(200);
    assertThat(AuditHttp.anonymous(port).get("/history/" + aborted + "/diagram").status()).isEqualTo(401);
  }

  /** The happy path: a healthy image on the local engine, smoke test passed, status update done by the crew. */
  private String landedDeploy(AuditDeploys deploys, AuditHttp mayor) {
    AuditHttp crew = new AuditHttp(port, CREW);
    String deployId = deploys.start(mayor, "web", "local", "mcd-test/app:healthy-v1");
    Task smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest");
    assertThat(crew.post("/engine-rest/task/" + smokeTest.getId() + "/complete", Map.of("variables",
        AuditHttp.variables(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true)))).status()).isEqualTo(204);
    Task statusUpdate = deploys.awaitTask(deployId, "Task_StatusUpdate");
    assertThat(crew.post("/engine-rest/task/" + statusUpdate.getId() + "/complete", Map.of()).status())
        .isEqualTo(204);
    deploys.awaitEnd(deployId);
    return deployId;
  }

  /** The rollback path: after a landed deploy, an unhealthy image fails its health check and is rolled back. */
  private String rolledBackDeploy(AuditDeploys deploys, AuditHttp mayor) {
    String deployId = deploys.start(mayor, "web", "local", "mcd-test/app:unhealthy");
    assertThat(deploys.awaitEnd(deployId).getEndActivityId()).isEqualTo("EndEvent_DeployRolledBack");
    return deployId;
  }

  /** Escalation to both tiers: a second mayor forwards, the humans abort. */
  private String decidedByTheHumans(AuditDeploys deploys, AuditHttp mayor) {
    String deployId = deploys.startUnreachable(mayor);
    Task escalation = deploys.awaitTask(deployId, "Task_MayorEscalation");
    assertThat(new AuditHttp(port, SECOND_MAYOR).post("/engine-rest/task/" + escalation.getId() + "/complete",
        Map.of("variables", AuditHttp.variables(Map.of(MAYOR_DECISION, "forward", HUMAN_REASON,
            "INFRASTRUCTURE_ACCESS")))).status()).isEqualTo(204);
    Task humans = deploys.awaitTask(deployId, "Task_HumanDecision");
    assertThat(new AuditHttp(port, HUMAN).post("/engine-rest/task/" + humans.getId() + "/complete",
        Map.of("variables", AuditHttp.variables(Map.of(HUMAN_DECISION, "abort", HUMAN_NOTE, "no access today"))))
        .status()).isEqualTo(204);
    deploys.awaitEnd(deployId);
    return deployId;
  }

  /** Link events leave no activity instance: a path passes through them. */
  private static boolean isLink(FlowNode node) {
    return !node.getChildElementsByType(LinkEventDefinition.class).isEmpty();
  }

  /** Every flow taken joins two activities that ran (or a link event); every activity that ran, but the start and fired boundary
   *  events (which no flow enters), was entered through a flow taken. */
  private static void assertFlowsJoinTheActivitiesThatRan(BpmnModelInstance model, Set<String> ran,
      Set<String> taken, String deployId) {
    Set<String> entered = new HashSet<>();
    for (String flowId : taken) {
      SequenceFlow flow = model.getModelElementById(flowId);
      for (FlowNode end : new FlowNode[] {flow.getSource(), flow.getTarget()}) {
        if (!isLink(end)) {
          assertThat(ran).as(deployId + " flow " + flowId).contains(end.getId());
        }
      }
      entered.add(flow.getTarget().getId());
    }
    for (String activityId : ran) {
      FlowNode node = model.getModelElementById(activityId);
      if (!node.getIncoming().isEmpty() && !(node instanceof BoundaryEvent)) {
        assertThat(entered).as(deployId + " entered " + activityId).contains(activityId);
      }
    }
  }

  private static JsonNode shownOnThePage(String output, String deployId) throws Exception {
    String prefix = "DIAGRAM " + deployId + " ";
    return JSON.readTree(output.lines().filter(line -> line.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no diagram result for " + deployId + " in:\n" + output))
        .substring(prefix.length()));
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> values = new TreeSet<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}
