package com.mayorcrew.deploy.audit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.audit.AuditTestContext;
import com.mayorcrew.deploy.observability.PrometheusSamples;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The notification listeners in a small model that uses them as canary-deploy does, with the job executor running
 * and real local HTTP receivers (see {@link AuditTestContext}): a signed JSON receiver, a Slack-form receiver that
 * fails twice before it accepts, a webhook where nobody listens until a test starts one, and one that accepts
 * connections and never answers. Each delivery is a {@code deploy-notification} instance whose async task retries
 * by {@code mcd.retry.cycle} (PT1S ×3 in tests).
 */
@AuditTestContext
class WebhookNotificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "whsec-test-3b9e7c41";

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired PrometheusMeterRegistry prometheus;

  record Delivery(Headers headers, String body) {}

  final List<Delivery> jsonDeliveries = new CopyOnWriteArrayList<>();
  final List<String> slackBodies = new CopyOnWriteArrayList<>();
  final AtomicInteger slackCalls = new AtomicInteger();
  final List<HttpServer> servers = new CopyOnWriteArrayList<>();
  volatile CountDownLatch jsonReceiverOpen = new CountDownLatch(0);
  String deploymentId;

  @BeforeEach
  void startReceivers() throws IOException {
    receiver(18480, "/hooks/json", (headers, body) -> {
      await(jsonReceiverOpen);
      jsonDeliveries.add(new Delivery(headers, body));
      return 204;
    });
    receiver(18481, "/hooks/slack/", (headers, body) -> {
      if (body.contains("deploy-notify-1") && slackCalls.incrementAndGet() <= 2) {
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
    jsonReceiverOpen.countDown();
    servers.forEach(server -> server.stop(0));
    repositoryService.deleteDeployment(deploymentId, true);
  }

  @Test
  void escalationAndEndAreDeliveredSignedWithRetriesAndLinksToTheHistoryPage() throws Exception {
    PrometheusSamples before = PrometheusSamples.of(prometheus);
    runtimeService.startProcessInstanceByKey("notify-test", "deploy-notify-1", Map.of(
        "title", "Canary deploy for web (canary)", "escalationReason", "HEALTH_CHECK_FAILED",
        "escalationStepName", "Probe container health"));

    Delivery createdDelivery = awaitDelivery("deploy-notify-1", "escalation-created");
    JsonNode created = JSON.readTree(createdDelivery.body());
    assertThat(created.get("deployId").asText()).isEqualTo("deploy-notify-1");
    assertThat(created.get("historyUrl").asText()).isEqualTo("https://deploys.example.test/history/deploy-notify-1");
    assertThat(created.at("/facts/reason").asText()).isEqualTo("HEALTH_CHECK_FAILED");
    assertThat(created.at("/facts/step").asText()).isEqualTo("Probe container health");
    // The receiver checks the sender: HMAC-SHA256 of the exact body with the shared secret.
    assertThat(createdDelivery.headers().getFirst("X-MCD-Signature-256"))
        .isEqualTo("sha256=" + hmac(SECRET, createdDelivery.body()));
    assertThat(createdDelivery.headers().getFirst("X-MCD-Event")).isEqualTo("escalation-created");
    // The delivery id is the notification instance's: receivers de-duplicate re-deliveries by it.
    assertThat(createdDelivery.headers().getFirst("X-MCD-Delivery"))
        .isEqualTo(notification("deploy-notify-1/escalation-created/0").getId());

    // The Slack receiver failed twice; the job's third attempt delivered it. It is not signed (no secret).
    String slackText = JSON.readTree(awaitValue(() -> slackBodies.stream()
        .filter(body -> body.contains("escalation created")).findFirst().orElse(null), "slack")).get("text").asText();
    assertThat(slackCalls.get()).isEqualTo(3);
    assertThat(slackText).contains("deploy-notify-1", "escalation created", "HEALTH_CHECK_FAILED",
        "https://deploys.example.test/history/deploy-notify-1");
    awaitValue(() -> notification("deploy-notify-1/escalation-created/1").getEndTime(), "slack delivery ended");
    awaitDeliveries(before, "delivered", 2);
    awaitDeliveries(before, "failed_attempt", 2);

    Task escalation = taskService.createTaskQuery().processInstanceBusinessKey("deploy-notify-1").singleResult();
    taskService.complete(escalation.getId(), Map.of("deployResult", "failed"));

    JsonNode ended = JSON.readTree(awaitDelivery("deploy-notify-1", "deploy-ended").body());
    assertThat(ended.at("/facts/result").asText()).isEqualTo("failed");
    assertThat(JSON.readTree(awaitValue(() -> slackBodies.stream().filter(body -> body.contains("deploy ended"))
        .findFirst().orElse(null), "slack end")).get("text").asText())
        .startsWith("Deploy deploy-notify-1: deploy ended · activity: Deploy ended · result: failed");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("deploy-notify-1").count())
        .isZero();

    // What the notification instances keep: no signing secret and no webhook path (Slack's hold a token).
    String[] notifications = historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike("deploy-notify-1/%").list().stream().map(HistoricProcessInstance::getId)
        .toArray(String[]::new);
    assertThat(notifications).hasSizeGreaterThanOrEqualTo(4);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(notifications).list())
        .isNotEmpty().allSatisfy(variable -> assertThat(String.valueOf(variable.getValue()))
            .doesNotContain(SECRET, "T000-secret-path", "/hooks/"));
  }

  @Test
  void aStepThatRollsBackAnnouncesNothing() throws Exception {
    // The start transaction fails after the task was created and the notifying listener ran.
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("notify-test", "deploy-notify-2",
        Map.of("failAfterTask", true))).hasMessageContaining("noSuchBean");
    assertThat(historyService.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyLike("deploy-notify-2/%").count()).isZero();
    Thread.sleep(500);
    assertThat(jsonDeliveries).noneMatch(delivery -> delivery.body().contains("deploy-notify-2"));
  }

  @Test
  void theDeliveryJobIsCommittedWithTheEventAndAReceiverThatComesUpLaterGetsItByRetry() throws Exception {
    jsonReceiverOpen = new CountDownLatch(1);
    runtimeService.startProcessInstanceByKey("notify-test", "deploy-notify-3", Map.of());

    // The start has committed: each delivery job is in the database, none delivered yet.
    for (int webhook = 0; webhook <= 2; webhook += 2) {
      HistoricProcessInstance notification = notification("deploy-notify-3/escalation-created/" + webhook);
      assertThat(managementService.createJobQuery().processInstanceId(notification.getId()).count()).isOne();
    }
    assertThat(jsonDeliveries).noneMatch(delivery -> delivery.body().contains("deploy-notify-3"));
    jsonReceiverOpen.countDown();
    awaitDelivery("deploy-notify-3", "escalation-created");

    // Webhook 2: nobody listens at first; once the first attempt has failed, the receiver comes up.
    String downThenUp = notification("deploy-notify-3/escalation-created/2").getId();
    Job failed = awaitValue(() -> managementService.createJobQuery().processInstanceId(downThenUp)
        .withException().singleResult(), "a failed first attempt");
    assertThat(failed.getExceptionMessage()).contains("http://127.0.0.1:18482/…", "ConnectException");
    List<Delivery> late = new CopyOnWriteArrayList<>();
    receiver(18482, "/nobody-listens", (headers, body) -> {
      late.add(new Delivery(headers, body));
      return 200;
    });
    awaitValue(() -> notification("deploy-notify-3/escalation-created/2").getEndTime(), "delivery by retry");
    // Deliveries of other tests' deploys to this webhook, waiting for their retry, may arrive too: only ours counts.
    assertThat(late.stream().filter(delivery -> delivery.body().contains("\"deploy-notify-3\"")).toList())
        .singleElement().satisfies(delivery -> {
          assertThat(delivery.headers().getFirst("X-MCD-Delivery")).isEqualTo(downThenUp);
          assertThat(delivery.headers().containsKey("X-MCD-Signature-256")).isFalse();
        });
    assertThat(runtimeService.createIncidentQuery().processInstanceId(downThenUp).count()).isZero();
  }

  @Test
  void aReceiverThatNeverAnswersIsBoundedByTheTimeoutAndEndsInAnIncident() throws Exception {
    // Every deploy of the shared context notifies port 18483, where nobody listens: those deliveries fail fast. Once
    // this test listens there without answering, each of their retries would hold an executor thread for the whole
    // timeout, so they are left to finish first.
    awaitValue(() -> managementService.createJobQuery().activityId("Task_DeliverWebhook").withRetriesLeft().count() == 0
        ? Boolean.TRUE : null, "no delivery left to retry");
    // How long each delivery attempt held its connection open before it gave up: the bound is the timeout (1 s),
    // whatever else the shared job executor is busy with.
    List<Duration> heldOpen = new CopyOnWriteArrayList<>();
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket hung = new ServerSocket(18483, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!hung.isClosed()) {
          try {
            Socket connection = hung.accept();
            held.add(connection);
            long accepted = System.nanoTime();
            Thread reader = new Thread(() -> {
              try (InputStream in = connection.getInputStream()) {
                while (in.read() >= 0) {
                  // read the request and never answer, until the sender closes the connection
                }
              } catch (IOException closed) {
                // the sender reset it, or the test closed it
              }
              heldOpen.add(Duration.ofNanos(System.nanoTime() - accepted));
            }, "hung-receiver-read");
            reader.setDaemon(true);
            reader.start();
          } catch (IOException closed) {
            return;
          }
        }
      }, "hung-receiver");
      acceptor.setDaemon(true);
      acceptor.start();

      PrometheusSamples before = PrometheusSamples.of(prometheus);
      runtimeService.startProcessInstanceByKey("notify-test", "deploy-notify-4", Map.of());
      taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey("deploy-notify-4")
          .singleResult().getId(), Map.of("deployResult", "success"));

      String hungDelivery = notification("deploy-notify-4/deploy-ended/3").getId();
      Incident incident = awaitValue(() -> runtimeService.createIncidentQuery().processInstanceId(hungDelivery)
          .singleResult(), "an incident", Duration.ofSeconds(60));
      assertThat(historyService.createHistoricJobLogQuery().processInstanceId(hungDelivery).failureLog().count())
          .isGreaterThanOrEqualTo(4);
      awaitValue(() -> heldOpen.size() >= 4 ? Boolean.TRUE : null, "4 attempts closed their connection");
      assertThat(heldOpen).allSatisfy(open -> assertThat(open).isLessThan(Duration.ofMillis(2_500)));
      assertThat(incident.getIncidentMessage()).contains("http://127.0.0.1:18483/…", "did not answer within PT1S")
          .doesNotContain("/hooks/hung");
      assertThat(incident.getActivityId()).isEqualTo("Task_DeliverWebhook");
      awaitDeliveries(before, "failed_attempt", 4);
      awaitDeliveries(before, "gave_up", 1);
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
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

  /** Other tests' deliveries may run meanwhile (shared context): at least this test's own count. */
  private void awaitDeliveries(PrometheusSamples before, String outcome, int atLeast) throws InterruptedException {
    awaitValue(() -> PrometheusSamples.of(prometheus).since(before, "mcd_webhook_deliveries_total",
        Map.of("outcome", outcome)) >= atLeast ? outcome : null, atLeast + " webhook deliveries " + outcome);
  }

  private HistoricProcessInstance notification(String businessKey) {
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("deploy-notification")
        .processInstanceBusinessKey(businessKey).singleResult();
  }

  private Delivery awaitDelivery(String deployId, String event) throws InterruptedException {
    return awaitValue(() -> jsonDeliveries.stream().filter(delivery -> delivery.body().contains(deployId)
        && event.equals(delivery.headers().getFirst("X-MCD-Event"))).findFirst().orElse(null),
        event + " of " + deployId);
  }

  private static <T> T awaitValue(Supplier<T> value, String what) throws InterruptedException {
    return awaitValue(value, what, Duration.ofSeconds(20));
  }

  private static <T> T awaitValue(Supplier<T> value, String what, Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    T found = value.get();
    while (found == null && System.nanoTime() < deadline) {
      Thread.sleep(50);
      found = value.get();
    }
    assertThat(found).as(what).isNotNull();
    return found;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private interface Answer {
    int status(Headers headers, String body);
  }

  private void receiver(int port, String path, Answer answer) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(path, exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(exchange.getRequestHeaders(), body), -1);
      exchange.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    servers.add(server);
  }
}
