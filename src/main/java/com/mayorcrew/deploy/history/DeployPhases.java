package com.mayorcrew.deploy.history;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Where a deploy's time went, by phase, for the summary's bar. The phase of an activity follows the model: the
 * roll-back and technical-fault subprocesses are phases of their own; inside "Deploy to canary host" the prechecks
 * and the health probe loop are told apart from the execution; on the main line the request, the wait for the
 * host and the escalation tasks are, and the rest is the crew's part and the report.
 */
public final class DeployPhases {

  public enum Phase {
    REQUEST("request and approval"), HOST("waiting for the host"), PRECHECKS("prechecks"), EXECUTION("execution"),
    HEALTH("health verification"), CREW("crew and report"), ROLLBACK("rollback"), ESCALATION("escalation");

    final String label;

    Phase(String label) {
      this.label = label;
    }
  }

  private static final Set<String> REQUEST = Set.of("Task_ValidateRequest", "Task_CheckCanaryRecord",
      "Task_ApproveProduction");
  private static final Set<String> HOST = Set.of("Task_AcquireCanaryHost", "Event_HostReleased",
      "Timer_HostRecheck");
  private static final Set<String> ESCALATION = Set.of("Task_MayorEscalation", "Task_RemindMayor",
      "Task_ForwardToHumans", "Task_ForwardOnDeadline", "Task_HumanDecision", "Task_ApplySafeDefault");
  private static final Set<String> HEALTH = Set.of("Task_ProbeHealth", "Timer_NextProbe",
      "Event_ContainerHealthChanged");

  private DeployPhases() {}

  /** One finished run of an activity, as far as phases care. */
  public record Step(String activityId, String type, Long durationMillis) {}

  /** Milliseconds per phase label, in the order a deploy goes through them; phases that took no time are left out. */
  static Map<String, Long> of(BpmnModelInstance model, List<ActivityEntry> activities) {
    Map<String, Long> byLabel = new LinkedHashMap<>();
    millisByPhase(model, activities.stream().map(activity -> new Step(activity.activityId(), activity.type(),
        activity.durationMillis())).toList()).forEach((phase, total) -> byLabel.put(phase.label, total));
    return byLabel;
  }

  /** Milliseconds per phase, in phase order; phases that took no time are left out. Also for the metrics. */
  public static Map<Phase, Long> millisByPhase(BpmnModelInstance model, List<Step> steps) {
    Map<Phase, Long> millis = new java.util.EnumMap<>(Phase.class);
    for (Step step : steps) {
      if (step.durationMillis() == null || step.durationMillis() == 0 || !counts(step.type())) {
        continue;
      }
      millis.merge(phaseOf(model, step.activityId()), step.durationMillis(), Long::sum);
    }
    return millis;
  }

  /** Steps and waits count; gateways take no time and a subprocess spans its steps. */
  private static boolean counts(String type) {
    return type != null && !type.endsWith("Gateway") && !type.equals("subProcess");
  }

  static Phase phaseOf(BpmnModelInstance model, String activityId) {
    ModelElementInstance element = model.getModelElementById(activityId);
    String container = element instanceof FlowElement node && node.getParentElement() instanceof SubProcess sub
        ? sub.getId() : "";
    return switch (container) {
      case "SubProcess_Rollback" -> Phase.ROLLBACK;
      case "SubProcess_TechnicalFault", "SubProcess_AbortAfterFault" -> Phase.ESCALATION;
      case "SubProcess_Deploy" -> activityId.startsWith("Task_Check") || activityId.equals("Task_ResolveRefs")
          || activityId.equals("Event_GitHubPrechecksSkipped") ? Phase.PRECHECKS
          : HEALTH.contains(activityId) ? Phase.HEALTH : Phase.EXECUTION;
      default -> REQUEST.contains(activityId) ? Phase.REQUEST : HOST.contains(activityId) ? Phase.HOST
          : ESCALATION.contains(activityId) ? Phase.ESCALATION : Phase.CREW;
    };
  }
}
