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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The deploy dashboard against real deploys on the real daemon (a landed one, one rolled back after a failed
 * health check, one landed after it, one that escalated and was aborted): its figures equal the ones this test
 * computes from the engine's history with its own queries, the page shows them to auditors and mayors, and
 * headless Chromium (src/test/browser/deploy-dashboard.mjs) renders its SVG charts with the same numbers.
 * Screenshots: target/screenshots/dashboard*.png.
 */
@AuditTestContext
class DeployDashboardHistoryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DAYS = 7;
  private static boolean deployed;

  @LocalServerPort int port;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @BeforeEach
  void deployOnce() {
    if (deployed) {
      return;
    }
    AuditDeploys deploys = new AuditDeploys(taskService, historyService);
    AuditHttp mayor = new AuditHttp(port, MAYOR);
    landed(deploys, mayor, "mcd-test/app:healthy-v1");
    String rolledBack = deploys.start(mayor, "web", "local", "mcd-test/app:unhealthy");
    assertThat(deploys.awaitEnd(rolledBack).getEndActivityId()).isEqualTo("EndEvent_DeployRolledBack");
    landed(deploys, mayor, "mcd-test/app:healthy-v2");
    deploys.abortedAfterEscalation(mayor, new AuditHttp(port, SECOND_MAYOR), "dashboard test");
    deployed = true;
  }

  @Test
  void theFiguresEqualThoseComputedFromTheEnginesHistory() {
    Expected expected = fromHistory("web");
    assertThat(expected.landed).isGreaterThanOrEqualTo(2);
    assertThat(expected.failures).isGreaterThanOrEqualTo(2);
    assertThat(expected.restoreTimes).isNotEmpty();
    assertThat(expected.escalations).containsKey("DOCKER_UNAVAILABLE");

    AuditHttp.Response response = new AuditHttp(port, AUDITOR).get("/api/history/dashboard?service=web&days=" + DAYS);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode dashboard = response.json();
    JsonNode dora = dashboard.get("dora");
    assertThat(dora.get("landed").asLong()).isEqualTo(expected.landed);
    assertThat(dora.get("landedPerDay").asDouble()).isEqualTo((double) expected.landed / DAYS);
    assertThat(dora.get("ended").asLong()).isEqualTo(expected.ended);
    assertThat(dora.get("failures").asLong()).isEqualTo(expected.failures);
    assertThat(dora.get("changeFailureRate").asDouble()).isEqualTo((double) expected.failures / expected.ended);
    assertThat(dora.get("restored").asLong()).isEqualTo(expected.restoreTimes.size());
    assertThat(dora.get("notRestored").asLong()).isEqualTo(expected.notRestored);
    assertThat(dora.get("medianTimeToRestoreMillis").asLong()).isEqualTo(median(expected.restoreTimes));
    assertThat(dora.get("leadTimes").asLong()).isEqualTo(expected.leadTimes.size());
    assertThat(dora.get("medianLeadTimeMillis").asLong()).isEqualTo(median(expected.leadTimes));
    Map<String, Long> escalations = new TreeMap<>();
    dashboard.get("escalations").forEach(reason -> escalations.put(reason.get("reason").asText(),
        reason.get("count").asLong()));
    assertThat(escalations).isEqualTo(expected.escalations);
    long landedToday = dashboard.get("days").get(DAYS - 1).get("landed").asLong();
    assertThat(landedToday).isEqualTo(expected.landedToday);
    assertThat(dashboard.get("phases").findValuesAsText("phase"))
        .contains("request and approval", "execution", "health verification", "rollback", "escalation");

    // Auditors and mayors open the page; it shows the figures and their definitions; nobody anonymous does.
    for (String user : List.of(AUDITOR, MAYOR)) {
      AuditHttp.Response page = new AuditHttp(port, user).get("/history/dashboard?service=web&days=" + DAYS);
      assertThat(page.status()).as(user).isEqualTo(200);
      assertThat(page.body()).contains("<svg", "id=\"chart-days\"", "Change failure rate",
          "id=\"landed\">" + expected.landed + "<", "id=\"failures\">" + expected.failures + "<",
          "An outage begins when");
    }
    assertThat(AuditHttp.anonymous(port).get("/history/dashboard").status()).isEqualTo(401);
    assertThat(AuditHttp.anonymous(port).get("/api/history/dashboard").status()).isEqualTo(401);
  }

  @Test
  void chromiumRendersTheChartsWithTheNumbersOfTheHistory() throws Exception {
    BrowserScripts.Result browser = BrowserScripts.run("deploy-dashboard.mjs", Map.of(
        "BASE_URL", "http://localhost:" + port, "AUDITOR", AUDITOR, "PASSWORD", PASSWORD, "SERVICE", "web",
        "DAYS", Integer.toString(DAYS)));
    assertThat(browser.exitCode()).as(browser.output()).isZero();
    JsonNode result = JSON.readTree(browser.output().lines().filter(line -> line.startsWith("DASHBOARD "))
        .findFirst().orElseThrow(() -> new AssertionError("no dashboard result in:\n" + browser.output()))
        .substring("DASHBOARD ".length()));
    JsonNode shown = result.get("shown");
    JsonNode dora = result.get("json").get("dora");
    Expected expected = fromHistory("web");

    for (String figure : List.of("landed", "ended", "failures", "restored", "notRestored", "leadTimes",
        "medianLeadTimeMillis", "medianTimeToRestoreMillis")) {
      assertThat(shown.get(figure).asLong()).as(figure + " shown and in the JSON").isEqualTo(dora.get(figure).asLong());
    }
    assertThat(shown.get("landed").asLong()).isEqualTo(expected.landed);
    assertThat(shown.get("failures").asLong()).isEqualTo(expected.failures);
    assertThat(shown.get("medianLeadTimeMillis").asLong()).isEqualTo(median(expected.leadTimes));
    assertThat(shown.get("medianTimeToRestoreMillis").asLong()).isEqualTo(median(expected.restoreTimes));
    assertThat(shown.get("perDay").asText()).isEqualTo(String.format("%.2f per day", (double) expected.landed / DAYS));
    assertThat(shown.get("definitions").asInt()).isEqualTo(4);

    JsonNode days = shown.get("days");
    assertThat(days.get("title").asText()).isEqualTo("Deploys per day");
    assertThat(days.get("bars").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(days.get("height").asDouble()).isPositive();
    assertThat(days.get("labels").toString()).contains(expected.landedToday + "+");
    assertThat(shown.at("/phases/bars").asInt()).isEqualTo(2 * result.get("json").get("phases").size());
    assertThat(shown.at("/escalations/labels").toString()).contains("DOCKER_UNAVAILABLE");
    List<String> phasesShown = new ArrayList<>();
    shown.get("phaseRows").forEach(row -> phasesShown.add(row.get("phase").asText() + "="
        + row.get("medianMillis").asLong()));
    List<String> phasesInJson = new ArrayList<>();
    result.get("json").get("phases").forEach(row -> phasesInJson.add(row.get("phase").asText() + "="
        + row.get("medianMillis").asLong()));
    assertThat(phasesShown).isEqualTo(phasesInJson);

    JsonNode empty = result.get("empty");
    assertThat(empty.get("message").asInt()).isEqualTo(1);
    assertThat(empty.get("dayBars").asInt()).isZero();
    assertThat(empty.get("charts").asInt()).isEqualTo(1);
    assertThat(empty.get("lead").asText()).isEqualTo("—");
    assertThat(BrowserScripts.SCREENSHOTS.resolve("dashboard.png")).isNotEmptyFile();
  }

  private void landed(AuditDeploys deploys, AuditHttp mayor, String image) {
    AuditHttp crew = new AuditHttp(port, CREW);
    String deployId = deploys.start(mayor, "web", "local", image);
    Task smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest");
    assertThat(crew.post("/engine-rest/task/" + smokeTest.getId() + "/complete", Map.of("variables",
        AuditHttp.variables(Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true)))).status()).isEqualTo(204);
    Task statusUpdate = deploys.awaitTask(deployId, "Task_StatusUpdate");
    assertThat(crew.post("/engine-rest/task/" + statusUpdate.getId() + "/complete", Map.of()).status())
        .isEqualTo(204);
    deploys.awaitEnd(deployId);
  }

  /** What the figures must be, from the engine's history with this test's own queries and arithmetic. */
  private static final class Expected {
    long landed;
    long landedToday;
    long ended;
    long failures;
    long notRestored;
    final List<Long> leadTimes = new ArrayList<>();
    final List<Long> restoreTimes = new ArrayList<>();
    final Map<String, Long> escalations = new TreeMap<>();
  }

  private Expected fromHistory(String service) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Instant from = today.minusDays(DAYS - 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Expected expected = new Expected();
    // service/host -> (time, healthy?) in time order: failures at the deploy's end, passed health checks.
    Map<String, List<Map.Entry<Instant, Boolean>>> events = new TreeMap<>();
    for (HistoricProcessInstance deploy : historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).finished().finishedAfter(Date.from(from)).list()) {
      if (!service.equals(variable(deploy, SERVICE))) {
        continue;
      }
      String result = variable(deploy, DEPLOY_RESULT);
      boolean failed = "failed".equals(result) || "rolled_back".equals(result);
      expected.ended++;
      if ("EndEvent_DeployDone".equals(deploy.getEndActivityId())) {
        expected.landed++;
        if (deploy.getEndTime().toInstant().isAfter(today.atStartOfDay().toInstant(ZoneOffset.UTC))) {
          expected.landedToday++;
        }
      }
      List<Map.Entry<Instant, Boolean>> target = events.computeIfAbsent(variable(deploy, CANARY_HOST),
          host -> new ArrayList<>());
      if (failed) {
        expected.failures++;
        target.add(Map.entry(deploy.getEndTime().toInstant(), false));
      }
      historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
          .activityId("EndEvent_ContainerHealthy").list().stream().map(HistoricActivityInstance::getStartTime)
          .min(Date::compareTo).ifPresent(healthy -> {
            expected.leadTimes.add(healthy.getTime() - deploy.getStartTime().getTime());
            target.add(Map.entry(healthy.toInstant(), true));
          });
      for (HistoricDetail update : historyService.createHistoricDetailQuery().processInstanceId(deploy.getId())
          .variableUpdates().list()) {
        HistoricVariableUpdate variable = (HistoricVariableUpdate) update;
        if (ESCALATION_REASON.equals(variable.getVariableName())) {
          expected.escalations.merge((String) variable.getValue(), 1L, Long::sum);
        }
      }
    }
    for (List<Map.Entry<Instant, Boolean>> target : events.values()) {
      target.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
      Instant brokenSince = null;
      for (Map.Entry<Instant, Boolean> event : target) {
        if (!event.getValue() && brokenSince == null) {
          brokenSince = event.getKey();
        } else if (event.getValue() && brokenSince != null) {
          expected.restoreTimes.add(Duration.between(brokenSince, event.getKey()).toMillis());
          brokenSince = null;
        }
      }
      if (brokenSince != null) {
        expected.notRestored++;
      }
    }
    return expected;
  }

  private String variable(HistoricProcessInstance deploy, String name) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(deploy.getId()).variableName(name).singleResult();
    return variable == null || variable.getValue() == null ? null : variable.getValue().toString();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
