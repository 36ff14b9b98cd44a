package com.mayorcrew.deploy.observability;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployEnds;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.history.DeployPhases;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.JobState;
import org.camunda.bpm.engine.impl.HistoricActivityInstanceQueryImpl;
import org.camunda.bpm.engine.impl.HistoricVariableInstanceQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIncidentEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.pvm.runtime.ActivityInstanceState;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The deploy metrics, read off the engine's history events instead of listeners in the model: the model stays as
 * people read it, and every deploy is measured the same way, whichever path it takes. The events are those the
 * engine writes at history level {@code full} (the application's setting); each counts once its transaction
 * commits ({@link CommittedMetrics}).
 */
final class DeployHistoryMetrics implements HistoryEventHandler {

  static final String NOTIFICATION_PROCESS = "deploy-notification";
  private static final String DELIVER_WEBHOOK = "Task_DeliverWebhook";
  private static final Set<String> REQUEST_TAGS = Set.of(SERVICE, CANARY_HOST, ENVIRONMENT);
  private static final Map<String, String> RESULTS = Map.of(DeployEnds.LANDED, "landed",
      "EndEvent_DeployRolledBack", "rolled_back", "EndEvent_DeployFailed", "failed",
      "EndEvent_DeployAborted", "aborted");
  /** Codes the application writes from its own enums; anything else is counted as "other". */
  private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z_]{0,63}");
  private static final Set<String> ESCALATION_REASONS = Arrays.stream(EscalationReason.values())
      .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private final DeployMeters meters;

  DeployHistoryMetrics(DeployMeters meters) {
    this.meters = meters;
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    events.forEach(this::handleEvent);
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    // Job log and incident events do not carry the process definition key; the activity tells them apart.
    if (event instanceof HistoricJobLogEvent jobLog) {
      if (DELIVER_WEBHOOK.equals(jobLog.getActivityId()) && jobLog.getState() == JobState.FAILED.getStateCode()) {
        webhookDelivery("failed_attempt");
      }
    } else if (event instanceof HistoricIncidentEventEntity incident) {
      if (DELIVER_WEBHOOK.equals(incident.getActivityId())
          && event.isEventOfType(HistoryEventTypes.INCIDENT_CREATE)) {
        webhookDelivery("gave_up");
      }
    } else if (PROCESS_KEY.equals(event.getProcessDefinitionKey())) {
      onDeploy(event);
    } else if (NOTIFICATION_PROCESS.equals(event.getProcessDefinitionKey())) {
      onNotification(event);
    }
  }

  private void onDeploy(HistoryEvent event) {
    if (event instanceof HistoricProcessInstanceEventEntity process) {
      if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_START)) {
        CommittedMetrics transaction = CommittedMetrics.current();
        transaction.startedDeploys.put(process.getProcessInstanceId(), new HashMap<>());
        transaction.onCommit(() -> meters.started(tags(transaction.startedDeploys.get(process.getProcessInstanceId()))));
      } else if (event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END)) {
        ended(process);
      }
    } else if (event instanceof HistoricVariableUpdateEventEntity variable
        && event.isEventOfType(HistoryEventTypes.VARIABLE_INSTANCE_CREATE)
        && REQUEST_TAGS.contains(variable.getVariableName())) {
      Map<String, String> request = CommittedMetrics.current().startedDeploys.get(variable.getProcessInstanceId());
      if (request != null) {
        request.put(variable.getVariableName(), variable.getTextValue());
      }
    } else if (event instanceof HistoricActivityInstanceEventEntity activity) {
      if (event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_START)) {
        activityStarted(activity);
      } else if (event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
          && activity.getActivityInstanceState() != ActivityInstanceState.CANCELED.getStateCode()) {
        activityCompleted(activity);
      }
    }
  }

  private void activityStarted(HistoricActivityInstanceEventEntity activity) {
    String id = activity.getActivityId();
    CommittedMetrics transaction = CommittedMetrics.current();
    switch (id) {
      case "Task_MayorEscalation" -> {
        String reason = variable(activity, ESCALATION_REASON).filter(ESCALATION_REASONS::contains).orElse("other");
        transaction.onCommit(() -> meters.escalated(reason, "mayor"));
      }
      case "Task_HumanDecision" -> {
        String reason = variable(activity, HUMAN_REASON).filter(code -> REASON_CODE.matcher(code).matches())
            .orElse("other");
        transaction.onCommit(() -> meters.escalated(reason, "humans"));
      }
      case "Task_ResolveTechnicalFault" -> transaction.onCommit(() -> meters.escalated("TECHNICAL_FAULT", "mayor"));
      case "SubProcess_Rollback" -> {
        String trigger = transaction.rollbackTriggers.getOrDefault(activity.getProcessInstanceId(), "other");
        transaction.onCommit(() -> meters.rollbackStarted(trigger));
      }
      default -> {
        if ("boundaryTimer".equals(activity.getActivityType()) && id.contains("Deadline")) {
          transaction.onCommit(() -> meters.deadlinePassed(id));
        }
      }
    }
  }

  private void activityCompleted(HistoricActivityInstanceEventEntity activity) {
    String id = activity.getActivityId();
    CommittedMetrics transaction = CommittedMetrics.current();
    if (id.equals("Task_ApplySafeDefault")) {
      transaction.onCommit(meters::safeDefaultApplied);
    }
    rollbackTrigger(id).ifPresent(trigger -> transaction.rollbackTriggers.put(activity.getProcessInstanceId(),
        trigger));
  }

  /** The steps the model's "Roll back" gateway is entered from, as the trigger a rollback is counted under. */
  static Optional<String> rollbackTrigger(String activityId) {
    if (activityId.startsWith("Boundary_RollbackNow")) {
      return Optional.of("rollback_now");
    }
    return Optional.ofNullable(switch (activityId) {
      case "Boundary_HealthFailed" -> "health_failed";
      case "Task_RecordSmokeTestFailure" -> "smoke_test_failed";
      case "Task_MayorEscalation" -> "mayor";
      case "Task_HumanDecision" -> "humans";
      case "Task_ApplySafeDefault" -> "safe_default";
      case "Link_CatchRetryRollback" -> "retry";
      default -> null;
    });
  }

  private void ended(HistoricProcessInstanceEventEntity process) {
    CommandContext context = Context.getCommandContext();
    DeployMeters.DeployTags tags = tags(storedRequest(context, process.getProcessInstanceId()));
    String result = process.getEndActivityId() == null ? "cancelled"
        : RESULTS.getOrDefault(process.getEndActivityId(), "other");
    long millis = durationMillis(context, process);
    Map<DeployPhases.Phase, Long> phases = phases(context, process);
    CommittedMetrics.current().onCommit(() -> {
      meters.ended(tags, result, millis);
      phases.forEach((phase, phaseMillis) -> meters.phase(tags, DeployMeters.tagValue(phase), result, phaseMillis));
    });
  }

  /** The event's duration, or end minus the start the database holds when the event does not carry its start. */
  private static long durationMillis(CommandContext context, HistoricProcessInstanceEventEntity process) {
    if (process.getDurationInMillis() != null) {
      return process.getDurationInMillis();
    }
    Date start = process.getStartTime() != null ? process.getStartTime()
        : context.getHistoricProcessInstanceManager().findHistoricProcessInstance(process.getProcessInstanceId())
            .getStartTime();
    Date end = process.getEndTime() != null ? process.getEndTime() : ClockUtil.getCurrentTime();
    return Math.max(0, end.getTime() - start.getTime());
  }

  /** The request fields were written when the deploy started, in an earlier transaction, and never change. */
  private static Map<String, String> storedRequest(CommandContext context, String processInstanceId) {
    HistoricVariableInstanceQueryImpl query = new HistoricVariableInstanceQueryImpl();
    query.processInstanceIdIn(processInstanceId).variableNameIn(REQUEST_TAGS.toArray(String[]::new));
    List<HistoricVariableInstance> stored = context.runWithoutAuthorization(() -> query.executeList(context, null));
    Map<String, String> request = new HashMap<>();
    stored.forEach(variable -> request.put(variable.getName(), String.valueOf(variable.getValue())));
    return request;
  }

  /** Time per phase: the activities stored by earlier transactions, updated by those of this one. */
  private static Map<DeployPhases.Phase, Long> phases(CommandContext context,
      HistoricProcessInstanceEventEntity process) {
    HistoricActivityInstanceQueryImpl query = new HistoricActivityInstanceQueryImpl();
    query.processInstanceId(process.getProcessInstanceId());
    List<HistoricActivityInstance> stored = context.runWithoutAuthorization(() -> query.executeList(context, null));
    Map<String, DeployPhases.Step> steps = new LinkedHashMap<>();
    stored.forEach(activity -> steps.put(activity.getId(), new DeployPhases.Step(activity.getActivityId(),
        activity.getActivityType(), activity.getDurationInMillis())));
    context.getDbEntityManager().getCachedEntitiesByType(HistoricActivityInstanceEventEntity.class).stream()
        .filter(activity -> process.getProcessInstanceId().equals(activity.getProcessInstanceId()))
        .forEach(activity -> steps.put(activity.getId(), new DeployPhases.Step(activity.getActivityId(),
            activity.getActivityType(), activity.getDurationInMillis())));
    BpmnModelInstance model = context.getProcessEngineConfiguration().getDeploymentCache()
        .findBpmnModelInstanceForProcessDefinition(process.getProcessDefinitionId());
    return DeployPhases.millisByPhase(model, List.copyOf(steps.values()));
  }

  private static DeployMeters.DeployTags tags(Map<String, String> request) {
    return new DeployMeters.DeployTags(request.getOrDefault(SERVICE, "unknown"),
        request.getOrDefault(CANARY_HOST, "unknown"), request.getOrDefault(ENVIRONMENT, "unknown"));
  }

  /** A variable as the activity's execution sees it (the engine's own entity, in this transaction's cache). */
  private static Optional<String> variable(HistoricActivityInstanceEventEntity activity, String name) {
    ExecutionEntity execution = Context.getCommandContext().getExecutionManager()
        .findExecutionById(activity.getExecutionId());
    return Optional.ofNullable(execution).map(found -> found.getVariable(name)).map(String::valueOf);
  }

  private void onNotification(HistoryEvent event) {
    if (event instanceof HistoricActivityInstanceEventEntity activity
        && event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
        && DELIVER_WEBHOOK.equals(activity.getActivityId())
        && activity.getActivityInstanceState() != ActivityInstanceState.CANCELED.getStateCode()) {
      webhookDelivery("delivered");
    }
  }

  private void webhookDelivery(String outcome) {
    CommittedMetrics.current().onCommit(() -> meters.webhookDelivery(outcome));
  }
}
