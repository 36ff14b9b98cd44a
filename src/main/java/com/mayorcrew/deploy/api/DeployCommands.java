package com.mayorcrew.deploy.api;

import static com.mayorcrew.deploy.context.DeployVariables.PROCESS_KEY;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The API's writes, each one engine command as the authenticated caller, so that the start path's validation
 * ("Validate deploy request"), the engine API guard's form contract, the four-eyes listener and the engine's
 * authorizations decide exactly as they do for Tasklist and {@code /engine-rest}.
 */
@Component
class DeployCommands {

  /** The request body's field that names the deploy (the engine's business key); optional. */
  static final String DEPLOY_ID_FIELD = "deployId";

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final IdentityService identityService;

  DeployCommands(RuntimeService runtimeService, TaskService taskService, IdentityService identityService) {
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.identityService = identityService;
  }

  /**
   * Starts a deploy from the Deploy Request's fields as plain JSON values. The start runs "Validate deploy request"
   * in its own transaction: a refused request leaves nothing behind. Returns the deploy id.
   */
  String request(Map<String, Object> body) {
    Map<String, Object> fields = new LinkedHashMap<>(body);
    Object deployId = fields.remove(DEPLOY_ID_FIELD);
    List<FieldViolation> violations = new ArrayList<>(notPlain(fields));
    if (deployId != null && !(deployId instanceof String)) {
      violations.add(new FieldViolation(DEPLOY_ID_FIELD, "must be a string"));
    }
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException(violations);
    }
    ProcessInstance instance = runtimeService.createProcessInstanceByKey(PROCESS_KEY)
        .businessKey((String) deployId).setVariables(fields).execute();
    return instance.getBusinessKey();
  }

  /**
   * Completes the deploy's open task named by its key ({@code Task_SmokeTest}) or its name ("Run smoke test") with
   * its form's fields. An unassigned task is claimed for the caller first, as Tasklist does, and released again
   * when the completion is refused. Empty when the caller sees no such open task.
   */
  Optional<String> complete(String deployId, String task, Map<String, Object> fields) {
    Optional<Task> open = openTask(deployId, task);
    if (open.isEmpty()) {
      return Optional.empty();
    }
    List<FieldViolation> violations = notPlain(fields);
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException("Task completion", violations);
    }
    String taskId = open.get().getId();
    boolean claimed = false;
    if (open.get().getAssignee() == null) {
      taskService.claim(taskId, identityService.getCurrentAuthentication().getUserId());
      claimed = true;
    }
    try {
      taskService.complete(taskId, fields);
    } catch (RuntimeException refused) {
      if (claimed) {
        taskService.setAssignee(taskId, null);
      }
      throw refused;
    }
    return Optional.of(open.get().getTaskDefinitionKey());
  }

  /** The keys of the open tasks of the deploy the caller sees, for the answer when the named one is not there. */
  List<String> openTaskKeys(String deployId) {
    return taskService.createTaskQuery().processInstanceBusinessKey(deployId).list().stream()
        .map(Task::getTaskDefinitionKey).toList();
  }

  private Optional<Task> openTask(String deployId, String task) {
    return taskService.createTaskQuery().processInstanceBusinessKey(deployId).active().list().stream()
        .filter(t -> task.equals(t.getTaskDefinitionKey()) || task.equalsIgnoreCase(t.getName())).findFirst();
  }

  /** JSON objects and arrays are no field's value: the forms and the request take strings, booleans and numbers. */
  private static List<FieldViolation> notPlain(Map<String, Object> fields) {
    return fields.entrySet().stream()
        .filter(field -> field.getValue() instanceof Map || field.getValue() instanceof List)
        .map(field -> new FieldViolation(field.getKey(), "must be a plain string, boolean or number value"))
        .toList();
  }
}
