package com.mayorcrew.deploy.it;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.process.ProcessDriver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deploys on a {@link ChildApplication}, through its REST API, as the mayor and the crew would drive them. */
final class ChildDeploys {

  private static final String START = "/engine-rest/process-definition/key/canary-deploy/start";
  /** Camunda REST's date format. */
  private static final DateTimeFormatter REST_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final RestClient mayor;
  private final RestClient crew;

  ChildDeploys(ChildApplication application) {
    this.mayor = application.rest(ChildApplication.MAYOR, ChildApplication.MAYOR_PASSWORD);
    this.crew = application.rest(ChildApplication.CREW, ChildApplication.CREW_PASSWORD);
  }

  /** Requests a deploy; returns its deploy id (the business key) once the start is acknowledged. */
  String request(String service, String host, String image) throws Exception {
    Map<String, Object> request = ProcessDriver.request(service, host, image);
    request.values().removeIf(value -> value == null || "".equals(value));
    RestClient.Response response = mayor.post(START, Map.of("variables", RestClient.variables(request)));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("businessKey").asText();
  }

  Optional<String> processInstanceId(String deployId) throws Exception {
    JsonNode instances = mayor.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + deployId).json();
    return instances.isEmpty() ? Optional.empty() : Optional.of(instances.get(0).get("id").asText());
  }

  boolean isRunning(String deployId) throws Exception {
    return !mayor.get("/engine-rest/process-instance?businessKey=" + deployId).json().isEmpty();
  }

  /** The activities the deploy is at now (waiting states and pending async steps). */
  List<String> currentActivities(String deployId) throws Exception {
    List<String> activities = new ArrayList<>();
    JsonNode instances = mayor.get("/engine-rest/process-instance?businessKey=" + deployId).json();
    if (!instances.isEmpty()) {
      collect(mayor.get("/engine-rest/process-instance/" + instances.get(0).get("id").asText()
          + "/activity-instances").json(), activities);
    }
    return activities;
  }

  private static void collect(JsonNode activityInstance, List<String> into) {
    if (activityInstance.get("childActivityInstances").isEmpty()
        && activityInstance.get("childTransitionInstances").isEmpty()) {
      into.add(activityInstance.get("activityId").asText());
    }
    activityInstance.get("childActivityInstances").forEach(child -> collect(child, into));
    activityInstance.get("childTransitionInstances").forEach(child -> into.add(child.get("activityId").asText()));
  }

  /** The deploy's open user task with this key, waiting for it up to {@code wait}. */
  String awaitTask(String deployId, String taskKey, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode tasks = mayor.get("/engine-rest/task?processInstanceBusinessKey=" + deployId
          + "&taskDefinitionKey=" + taskKey).json();
      if (!tasks.isEmpty()) {
        return tasks.get(0).get("id").asText();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(deployId + " did not reach " + taskKey + " within " + wait + "; it is at "
        + currentActivities(deployId));
  }

  void passSmokeTest(String taskId) throws Exception {
    complete(taskId, Map.of(WEB_UI_LOADS, true, DASHBOARD_LOADS, true));
  }

  void complete(String taskId, Map<String, ?> variables) throws Exception {
    RestClient.Response response = crew.post("/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", RestClient.variables(variables)));
    assertThat(response.status()).as(response.body()).isEqualTo(204);
  }

  /** Waits for the deploy to end; returns its end state (COMPLETED, or how it was stopped). */
  String awaitEnd(String deployId, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode instances = mayor.get("/engine-rest/history/process-instance?processInstanceBusinessKey=" + deployId
          + "&finished=true").json();
      if (!instances.isEmpty()) {
        return instances.get(0).get("state").asText();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(deployId + " did not end within " + wait + "; it is at " + currentActivities(deployId));
  }

  /** A variable of the deploy as history has it (running or ended), as text; empty when it was never set. */
  Optional<String> variable(String deployId, String name) throws Exception {
    JsonNode found = mayor.get("/engine-rest/history/variable-instance?processInstanceId="
        + processInstanceId(deployId).orElseThrow() + "&variableName=" + name).json();
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).get("value").asText());
  }

  /** The deploy's history: one entry per activity instance, in the order they started. */
  List<HistoricActivity> history(String deployId) throws Exception {
    String processInstanceId = processInstanceId(deployId).orElseThrow();
    List<HistoricActivity> history = new ArrayList<>();
    mayor.get("/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
        + "&sortBy=startTime&sortOrder=asc").json().forEach(entry -> history.add(new HistoricActivity(
        entry.get("activityId").asText(), instant(entry.get("startTime")), instant(entry.get("endTime")))));
    return history;
  }

  /** The first step of the deploy that started at or after {@code since}: where it resumed. */
  HistoricActivity firstStepSince(String deployId, Instant since, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<HistoricActivity> first = history(deployId).stream()
          .filter(activity -> !activity.started().isBefore(since)).findFirst();
      if (first.isPresent()) {
        return first.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError(deployId + " ran no step within " + wait + " after " + since + "; it is at "
        + currentActivities(deployId));
  }

  record HistoricActivity(String activityId, Instant started, Instant ended) {}

  private static Instant instant(JsonNode date) {
    return date == null || date.isNull() ? null : OffsetDateTime.parse(date.asText(), REST_DATE).toInstant();
  }
}
