package com.mayorcrew.deploy.history;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Reads one deploy's whole history as the authenticated caller (the engine's authorizations apply) and puts it
 * together: activities, tasks with their people, decisions, escalations and the chronological events. Nothing here
 * names an activity of the model, so activities other steps add appear as they are.
 */
@Component
class DeployTimelineReader {

  /** Variables shown in their own sections rather than in the generic variables table. */
  private static final Set<String> SHOWN_ELSEWHERE = Set.of(DEPLOY_METADATA, STATUS_REPORT, ESCALATION_LOG);

  private final HistoryService historyService;
  private final DeployListReader listReader;
  private final ObjectMapper prettyJson = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public DeployTimelineReader(HistoryService historyService, DeployListReader listReader) {
    this.historyService = historyService;
    this.listReader = listReader;
  }

  /** The deploy's timeline, or null when it does not exist or the caller may not read its history. */
  public DeployTimeline read(String deployId) {
    DeploySummary deploy = listReader.find(deployId);
    if (deploy == null) {
      return null;
    }
    String instanceId = deploy.processInstanceId();
    Map<String, String> variables = variables(instanceId);
    List<VariableChange> changes = variableChanges(instanceId);
    List<UserOperationLogEntry> operations = historyService.createUserOperationLogQuery()
        .processInstanceId(instanceId).orderByTimestamp().asc().list();
    Map<String, String> usersByOperation = new HashMap<>();
    operations.forEach(entry -> usersByOperation.putIfAbsent(entry.getOperationId(), entry.getUserId()));

    List<TaskEntry> tasks = tasks(instanceId, operations, changes);
    List<ActivityEntry> activities = activities(instanceId, changes);
    Map<String, TaskEntry> tasksByCompletion = tasksByCompletion(operations, tasks);
    List<DecisionEntry> decisions = DecisionExtractor.from(changes, usersByOperation, tasksByCompletion);
    List<EscalationEntry> escalations = EscalationHistory.from(changes, tasks);
    return new DeployTimeline(deploy, request(variables), activities, tasks, decisions, escalations,
        variables.get(ESCALATION_LOG), operationLog(operations), otherVariables(variables),
        prettyPrinted(variables.get(DEPLOY_METADATA)), variables.get(STATUS_REPORT),
        TimelineEvents.of(activities, tasks, decisions, escalations));
  }

  private Map<String, String> variables(String instanceId) {
    Map<String, String> variables = new TreeMap<>();
    for (HistoricVariableInstance variable : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instanceId).disableCustomObjectDeserialization().list()) {
      variables.put(variable.getName(), VariableChange.text(variable.getValue()));
    }
    return variables;
  }

  private List<VariableChange> variableChanges(String instanceId) {
    List<VariableChange> changes = new ArrayList<>();
    for (HistoricDetail detail : historyService.createHistoricDetailQuery().processInstanceId(instanceId)
        .variableUpdates().disableCustomObjectDeserialization().orderByTime().asc()
        .orderPartiallyByOccurrence().asc().list()) {
      changes.add(VariableChange.of((HistoricVariableUpdate) detail));
    }
    return changes;
  }

  private List<ActivityEntry> activities(String instanceId, List<VariableChange> changes) {
    Map<String, String> escalatedIn = new HashMap<>();
    changes.stream().filter(change -> ESCALATION_REASON.equals(change.name()))
        .forEach(change -> escalatedIn.put(change.activityInstanceId(), change.value()));
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(instanceId)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .map(activity -> ActivityEntry.of(activity, outcome(activity, escalatedIn.get(activity.getId()))))
        .toList();
  }

  private static String outcome(HistoricActivityInstance activity, String escalationReason) {
    if (escalationReason != null) {
      return "escalated: " + escalationReason;
    }
    if (activity.getEndTime() == null) {
      return "running";
    }
    return activity.isCanceled() ? "interrupted" : "completed";
  }

  private List<TaskEntry> tasks(String instanceId, List<UserOperationLogEntry> operations,
      List<VariableChange> changes) {
    List<TaskEntry> tasks = new ArrayList<>();
    for (HistoricTaskInstance task : historyService.createHistoricTaskInstanceQuery().processInstanceId(instanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      List<UserOperationLogEntry> onTask = operations.stream()
          .filter(entry -> task.getId().equals(entry.getTaskId())).toList();
      UserOperationLogEntry completion = onTask.stream()
          .filter(entry -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()))
          .findFirst().orElse(null);
      Map<String, String> submitted = new LinkedHashMap<>();
      if (completion != null) {
        changes.stream().filter(change -> completion.getOperationId().equals(change.userOperationId()))
            .forEach(change -> submitted.put(change.name(), change.value()));
      }
      tasks.add(new TaskEntry(task.getId(), task.getTaskDefinitionKey(), task.getName(), candidateGroups(task),
          task.getAssignee(), Times.instant(task.getStartTime()), Times.instant(task.getEndTime()),
          task.getDeleteReason(), actions(onTask), completion == null ? null : completion.getUserId(),
          completion == null ? null : Times.instant(completion.getTimestamp()), submitted));
    }
    return tasks;
  }

  private static Map<String, TaskEntry> tasksByCompletion(List<UserOperationLogEntry> operations,
      List<TaskEntry> tasks) {
    Map<String, TaskEntry> byId = new HashMap<>();
    tasks.forEach(task -> byId.put(task.taskId(), task));
    Map<String, TaskEntry> byOperation = new HashMap<>();
    operations.stream()
        .filter(entry -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()))
        .filter(entry -> byId.containsKey(entry.getTaskId()))
        .forEach(entry -> byOperation.put(entry.getOperationId(), byId.get(entry.getTaskId())));
    return byOperation;
  }

  private List<String> candidateGroups(HistoricTaskInstance task) {
    return historyService.createHistoricIdentityLinkLogQuery().taskId(task.getId())
        .type(IdentityLinkType.CANDIDATE).list().stream()
        .map(HistoricIdentityLinkLog::getGroupId).filter(group -> group != null).distinct().toList();
  }

  /** One action per user operation: the log has a line per changed property. */
  private static List<TaskEntry.TaskAction> actions(List<UserOperationLogEntry> onTask) {
    List<TaskEntry.TaskAction> actions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (UserOperationLogEntry entry : onTask) {
      if (seen.add(entry.getOperationId() + "/" + entry.getOperationType())) {
        String detail = entry.getProperty() == null || entry.getNewValue() == null ? null
            : entry.getProperty() + " = " + entry.getNewValue();
        actions.add(new TaskEntry.TaskAction(Times.instant(entry.getTimestamp()), entry.getOperationType(),
            entry.getUserId(), detail));
      }
    }
    return actions;
  }

  private static List<OperationLogLine> operationLog(List<UserOperationLogEntry> operations) {
    return operations.stream().map(entry -> new OperationLogLine(Times.instant(entry.getTimestamp()),
        entry.getUserId(), entry.getOperationType(), entry.getEntityType(), entry.getProperty(),
        entry.getOrgValue(), entry.getNewValue(), entry.getTaskId())).toList();
  }

  private static Map<String, String> request(Map<String, String> variables) {
    Map<String, String> request = new LinkedHashMap<>();
    for (String field : List.of(DEPLOY_ID, REQUESTER, REQUESTED_AT)) {
      request.put(field, variables.get(field));
    }
    REQUEST_FIELDS.forEach(field -> request.put(field, variables.get(field)));
    return request;
  }

  private static Map<String, String> otherVariables(Map<String, String> variables) {
    Map<String, String> others = new TreeMap<>(variables);
    others.keySet().removeAll(REQUEST_FIELDS);
    others.keySet().removeAll(List.of(DEPLOY_ID, REQUESTER, REQUESTED_AT));
    others.keySet().removeAll(SHOWN_ELSEWHERE);
    return others;
  }

  private String prettyPrinted(String json) {
    if (json == null) {
      return null;
    }
    try {
      return prettyJson.writeValueAsString(prettyJson.readTree(json));
    } catch (JsonProcessingException e) {
      return json;
    }
  }
}
