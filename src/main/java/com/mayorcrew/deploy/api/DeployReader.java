package com.mayorcrew.deploy.api;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.HistoricDeploys;
import com.mayorcrew.deploy.security.AsApplication;
import com.mayorcrew.deploy.security.TaskFormContract;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Reads deploys as the authenticated caller: the engine's authorizations decide which deploys (READ_HISTORY) and
 * which open tasks (the task's candidate group or assignee) a caller sees. A visible task's form and field values
 * are then read as the application, as Tasklist shows them.
 */
@Component
class DeployReader {

  /** Values of {@code state} besides the recorded results. */
  static final String RUNNING = "running";
  static final String ENDED = "ended";
  static final Set<String> STATES = Set.of(RUNNING, ENDED, "success", "failed", "rolled_back");

  private static final String[] VIEW_VARIABLES = {TITLE, SERVICE, CANARY_HOST, ENVIRONMENT, REQUESTER, DEPLOY_RESULT,
      DEPLOY_IMAGE};
  /** Activity types that are containers or plumbing, not steps a person would call the current one. */
  private static final Set<String> NOT_STEPS = Set.of("subProcess", "multiInstanceBody", "eventBasedGateway");

  private final HistoryService historyService;
  private final TaskService taskService;
  private final FormService formService;
  private final AsApplication asApplication;

  DeployReader(HistoryService historyService, TaskService taskService, FormService formService,
      AsApplication asApplication) {
    this.historyService = historyService;
    this.taskService = taskService;
    this.formService = formService;
    this.asApplication = asApplication;
  }

  /** The deploy, or empty when there is none or the caller may not read it. */
  Optional<DeployView> find(String deployId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(deployId).singleResult();
    if (instance == null) {
      return Optional.empty();
    }
    Map<String, String> variables = variablesOf(List.of(instance)).getOrDefault(instance.getId(), Map.of());
    List<String> steps = instance.getEndTime() != null ? List.of()
        : historyService.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).unfinished()
            .orderByHistoricActivityInstanceStartTime().asc().list().stream()
            .filter(activity -> activity.getActivityName() != null && !NOT_STEPS.contains(activity.getActivityType()))
            .map(HistoricActivityInstance::getActivityName).toList();
    List<DeployView.OpenTask> tasks = taskService.createTaskQuery().processInstanceId(instance.getId())
        .initializeFormKeys().orderByTaskCreateTime().asc().list().stream().map(this::openTask).toList();
    return Optional.of(new DeployView(deployId, state(instance), variables.get(DEPLOY_RESULT), variables.get(TITLE),
        variables.get(SERVICE), variables.get(CANARY_HOST), variables.get(ENVIRONMENT), variables.get(DEPLOY_IMAGE),
        requester(instance, variables), instant(instance.getStartTime()), instant(instance.getEndTime()), steps, tasks,
        links(deployId)));
  }

  /**
   * The newest deploys first, at most {@code limit}.
   *
   * @param state null for all, else one of {@link #STATES}
   */
  List<DeployView.Summary> list(String state, String service, int limit) {
    HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(PROCESS_KEY);
    if (RUNNING.equals(state)) {
      query.unfinished();
    } else if (ENDED.equals(state)) {
      query.finished();
    }
    Map<String, String> conditions = new LinkedHashMap<>();
    if (state != null && !RUNNING.equals(state) && !ENDED.equals(state)) {
      conditions.put(DEPLOY_RESULT, state);
    }
    if (service != null) {
      conditions.put(SERVICE, service);
    }
    if (!HistoricDeploys.restrict(historyService, query, conditions)) {
      return List.of();
    }
    List<HistoricProcessInstance> instances = query.orderByProcessInstanceStartTime().desc().listPage(0, limit);
    Map<String, Map<String, String>> variables = variablesOf(instances);
    return instances.stream().map(instance -> {
      Map<String, String> values = variables.getOrDefault(instance.getId(), Map.of());
      return new DeployView.Summary(instance.getBusinessKey(), state(instance), values.get(DEPLOY_RESULT),
          values.get(TITLE), values.get(SERVICE), values.get(CANARY_HOST), requester(instance, values),
          instant(instance.getStartTime()), instant(instance.getEndTime()));
    }).toList();
  }

  private DeployView.OpenTask openTask(Task task) {
    TaskFormContract form = asApplication.call(() -> TaskFormContract.of(task, formService));
    Map<String, Object> values = form.fields().isEmpty() ? Map.of()
        : asApplication.call(() -> taskService.getVariables(task.getId(), form.fields().keySet()));
    List<DeployView.FormField> fields = form.fields().values().stream()
        .map(field -> new DeployView.FormField(field.key(), field.type(), field.readonly(), field.required(),
            field.maxLength(), field.allowed(), values.get(field.key())))
        .toList();
    return new DeployView.OpenTask(task.getTaskDefinitionKey(), task.getName(), task.getAssignee(),
        instant(task.getDueDate()), form.formId(), fields);
  }

  private Map<String, Map<String, String>> variablesOf(List<HistoricProcessInstance> instances) {
    Map<String, Map<String, String>> variables = new HashMap<>();
    if (instances.isEmpty()) {
      return variables;
    }
    historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
        .variableNameIn(VIEW_VARIABLES).list()
        .forEach(variable -> variables.computeIfAbsent(variable.getProcessInstanceId(), id -> new HashMap<>())
            .put(variable.getName(), variable.getValue() == null ? null : variable.getValue().toString()));
    return variables;
  }

  static Map<String, String> links(String deployId) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", "/api/deploys/" + deployId);
    links.put("history", "/history/" + deployId);
    links.put("historyJson", "/api/history/deploys/" + deployId);
    links.put("statusReport", "/api/deploys/" + deployId + "/status-report");
    links.put("rollback", "/api/deploys/" + deployId + "/rollback");
    return links;
  }

  private static String state(HistoricProcessInstance instance) {
    return instance.getEndTime() == null ? RUNNING : ENDED;
  }

  private static String requester(HistoricProcessInstance instance, Map<String, String> variables) {
    String requester = variables.get(REQUESTER);
    return requester != null ? requester : instance.getStartUserId();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
