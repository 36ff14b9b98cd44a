package com.mayorcrew.deploy.history;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reconstructs each escalation from the variable changes (every escalation rewrites {@code escalationReason} and
 * its companions) and the tasks that handled it: those created after it, up to the one whose completion set a
 * {@code *Decision} variable. Their candidate groups are the tiers it went through.
 */
final class EscalationHistory {

  private EscalationHistory() {}

  static List<EscalationEntry> from(List<VariableChange> changes, List<TaskEntry> tasks) {
    List<Raised> raised = new ArrayList<>();
    for (VariableChange change : changes) {
      if (ESCALATION_REASON.equals(change.name())) {
        raised.add(new Raised(change.time(), change.value()));
      } else if (!raised.isEmpty()) {
        raised.get(raised.size() - 1).take(change);
      }
    }
    List<EscalationEntry> escalations = new ArrayList<>();
    for (int i = 0; i < raised.size(); i++) {
      Instant until = i + 1 < raised.size() ? raised.get(i + 1).time : null;
      escalations.add(raised.get(i).entry(handlingTasks(tasks, raised.get(i).time, until)));
    }
    return escalations;
  }

  private static List<TaskEntry> handlingTasks(List<TaskEntry> tasks, Instant from, Instant until) {
    List<TaskEntry> handling = new ArrayList<>();
    for (TaskEntry task : tasks) {
      if (task.created().isBefore(from) || until != null && !task.created().isBefore(until)) {
        continue;
      }
      handling.add(task);
      if (!decisionsOf(task).isEmpty()) {
        break;
      }
    }
    return handling;
  }

  private static Map<String, String> decisionsOf(TaskEntry task) {
    return task.variablesSet().entrySet().stream()
        .filter(variable -> variable.getKey().endsWith("Decision"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> b));
  }

  /** The variables recorded with one escalation, collected as the changes come by. */
  private static final class Raised {
    private final Instant time;
    private final String reason;
    private String reasonText;
    private String step;
    private String detail;

    Raised(Instant time, String reason) {
      this.time = time;
      this.reason = reason;
    }

    void take(VariableChange change) {
      switch (change.name()) {
        case ESCALATION_REASON_TEXT -> reasonText = reasonText == null ? change.value() : reasonText;
        case ESCALATION_STEP_NAME -> step = step == null ? change.value() : step;
        case ESCALATION_DETAIL -> detail = detail == null ? change.value() : detail;
        default -> { }
      }
    }

    EscalationEntry entry(List<TaskEntry> handling) {
      List<String> tiers = handling.stream().flatMap(task -> task.candidateGroups().stream()).distinct().toList();
      TaskEntry decider = handling.isEmpty() ? null : handling.get(handling.size() - 1);
      Map<String, String> decision = decider == null ? Map.of() : decisionsOf(decider);
      return new EscalationEntry(time, reason, reasonText, step, detail, tiers,
          decision.isEmpty() ? null : decider.completedBy(),
          decision.isEmpty() ? null : decision.entrySet().stream()
              .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")));
    }
  }
}
