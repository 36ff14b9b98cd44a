package com.mayorcrew.deploy.audit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.audit.AuditTestContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notification listeners in a small model that uses them as the lead wires them into canary-deploy, with
 * local HTTP receivers: a JSON receiver that answers at once, a Slack-form receiver that fails twice before it
 * accepts, and a webhook where nobody listens. The deploy runs on regardless.
 */
@AuditTestContext
class WebhookNotificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;

  final List<String> jsonBodies = new CopyOnWriteArrayList<>();
  final List<String> slackBodies = new CopyOnWriteArrayList<>();
  final AtomicInteger slackCalls = new AtomicInteger();
  HttpServer jsonReceiver;
  HttpServer slackReceiver;
  String deploymentId;

  @BeforeEach
  void startReceivers() throws IOException {
    jsonReceiver = receiver(18480, "/hooks/json", body -> {
      jsonBodies.add(body);
      return 204;
    });
    slackReceiver = receiver(18481, "/hooks/slack/", body -> {
      if (slackCalls.incrementAndGet() <= 2) {
        return 503;
      }
      slackBodies.add(body);
      return 200;
    });
    deploymentId = repositoryService.createDeployment().addModelInstance("notify-test.bpmn", model()).deploy()
        .getId();
  }

  @AfterEach
  void stop() {
    jsonReceiver.stop(0);
    slackReceiver.stop(0);
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void escalationAndEndAreDeliveredAfterCommitWithRetriesAndLinksToTheHistoryPage() throws Exception {
    runtimeService.startProcessInstanceByKey("notify-test", "deploy-notify-1", Map.of(
        "title", "Canary deploy for web (canary)", "escalationReason", "HEALTH_CHECK_FAILED",
        "escalationStepName", "Probe container health"));

    JsonNode created = JSON.readTree(await(jsonBodies, 1).get(0));
    assertThat(created.get("event").asText()).isEqualTo("escalation-created");
    assertThat(created.get("deployId").asText()).isEqualTo("deploy-notify-1");
    assertThat(created.get("historyUrl").asText()).isEqualTo("https://deploys.example.test/history/deploy-notify-1");
    assertThat(created.at("/facts/reason").asText()).isEqualTo("HEALTH_CHECK_FAILED");
    assertThat(created.at("/facts/step").asText()).isEqualTo("Probe container health");

    // The Slack receiver failed twice; the third attempt delivered it.
    String slackText = JSON.readTree(await(slackBodies, 1).get(0)).get("text").asText();
    assertThat(slackCalls.get()).isEqualTo(3);
    assertThat(slackText).contains("deploy-notify-1", "escalation created", "HEALTH_CHECK_FAILED",
        "https://deploys.example.test/history/deploy-notify-1");

    Task escalation = taskService.createTaskQuery().processInstanceBusinessKey("deploy-notify-1").singleResult();
    taskService.complete(escalation.getId(), Map.of("deployResult", "failed"));

    JsonNode ended = JSON.readTree(await(jsonBodies, 2).get(1));
    assertThat(ended.get("event").asText()).isEqualTo("deploy-ended");
    assertThat(ended.at("/facts/result").asText()).isEqualTo("failed");
    assertThat(JSON.readTree(await(slackBodies, 2).get(1)).get("text").asText())
        .startsWith("Deploy deploy-notify-1: deploy ended · activity: Deploy ended · result: failed");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("deploy-notify-1").count())
        .isZero();
  }

  @Test
  void aStepThatRollsBackAnnouncesNothing() throws Exception {
    // The start transaction fails after the task was created and the notifying listener ran.
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("notify-test", "deploy-notify-2",
        Map.of("failAfterTask", true))).hasMessageContaining("noSuchBean");
    Thread.sleep(1000);
    assertThat(jsonBodies).noneMatch(body -> body.contains("deploy-notify-2"));
  }

  /** Start → escalation task (notifies on create) → end event (notifies on end); optionally fails after the task. */
  private static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess("notify-test").camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_Escalation").name("Resolve escalation").camundaCandidateGroups("mayor")
        .camundaTaskListenerDelegateExpression("create", "${notifyEscalationCreated}")
        .camundaTaskListenerExpression("create", "${execution.hasVariable('failAfterTask') ? noSuchBean.fail() : null}")
        .endEvent("EndEvent_DeployEnded").name("Deploy ended")
        .camundaExecutionListenerDelegateExpression("end", "${notifyDeployEnded}")
        .done();
  }

  private static List<String> await(List<String> bodies, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (bodies.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(bodies).as("webhook deliveries").hasSizeGreaterThanOrEqualTo(count);
    return bodies;
  }

  private static HttpServer receiver(int port, String path, java.util.function.ToIntFunction<String> answer)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(path, exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.applyAsInt(body), -1);
      exchange.close();
    });
    server.start();
    return server;
  }
}
