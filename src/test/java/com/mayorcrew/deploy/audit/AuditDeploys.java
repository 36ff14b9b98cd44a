package com.mayorcrew.deploy.audit;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.process.ProcessDriver;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;

/** Runs deploys through REST the way people do, and waits for the job executor to bring them to a person. */
public final class AuditDeploys {

  public static final String START = "/engine-rest/process-definition/key/canary-deploy/start";
  private static final Duration WAIT = Duration.ofSeconds(90);

  private final TaskService taskService;
  private final HistoryService historyService;

  public AuditDeploys(TaskService taskService, HistoryService historyService) {
    this.taskService = taskService;
    this.historyService = historyService;
  }

  /** Starts a deploy as the given user; returns its deploy id. */
  public String start(AuditHttp as, String service, String host, String image) {
    Map<String, Object> request = ProcessDriver.request(service, host, image);
    request.values().removeIf(value -> value == null || "".equals(value));
    AuditHttp.Response response = as.post(START, Map.of("variables", AuditHttp.variables(request)));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("businessKey").asText();
  }

  /** A deploy to a host whose Docker endpoint does not answer: it escalates DOCKER_UNAVAILABLE at once. */
  public String startUnreachable(AuditHttp as) {
    return start(as, "web", "unreachable", "mcd-test/app:healthy-v1");
  }

  public Task awaitTask(String deployId, String taskKey) {
    return await(() -> taskService.createTaskQuery().processInstanceBusinessKey(deployId)
        .taskDefinitionKey(taskKey).singleResult(), deployId + " reaching " + taskKey);
  }

  public HistoricProcessInstance awaitEnd(String deployId) {
    return await(() -> historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(deployId)
        .finished().singleResult(), deployId + " ending");
  }

  /** The mayor's escalation decision, through REST as the given user. */
  public AuditHttp.Response decide(AuditHttp as, Task escalation, String decision, String note) {
    return as.post("/engine-rest/task/" + escalation.getId() + "/complete", Map.of("variables",
        AuditHttp.variables(Map.of(MAYOR_DECISION, decision, MAYOR_NOTE, note))));
  }

  /** A deploy that escalated and that a second mayor aborted with a reason: the auditors' typical case. */
  public String abortedAfterEscalation(AuditHttp requester, AuditHttp decider, String note) {
    String deployId = startUnreachable(requester);
    Task escalation = awaitTask(deployId, "Task_MayorEscalation");
    assertThat(decide(decider, escalation, "abort", note).status()).isEqualTo(204);
    awaitEnd(deployId);
    return deployId;
  }

  private static <T> T await(java.util.function.Supplier<T> probe, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }
}
