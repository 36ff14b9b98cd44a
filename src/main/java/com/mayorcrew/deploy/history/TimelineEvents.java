package com.mayorcrew.deploy.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Flattens a deploy's history into one chronological list: the page's event log and the CSV export. */
final class TimelineEvents {

  private TimelineEvents() {}

  static List<TimelineEvent> of(List<ActivityEntry> activities, List<TaskEntry> tasks,
      List<DecisionEntry> decisions, List<EscalationEntry> escalations) {
    List<TimelineEvent> events = new ArrayList<>();
    for (ActivityEntry activity : activities) {
      events.add(new TimelineEvent(activity.startTime(), "activity-started", activity.activityId(),
          activity.name(), null, activity.type()));
      if (activity.endTime() != null) {
        events.add(new TimelineEvent(activity.endTime(), "activity-ended", activity.activityId(), activity.name(),
            null, activity.outcome()));
      }
    }
    for (TaskEntry task : tasks) {
      events.add(new TimelineEvent(task.created(), "task-created", task.taskDefinitionKey(), task.name(), null,
          "candidate groups " + task.candidateGroups() + (task.assignee() == null ? "" : ", assignee " + task.assignee())));
      for (TaskEntry.TaskAction action : task.actions()) {
        String detail = action.detail();
        if ("Complete".equals(action.operation()) && !task.variablesSet().isEmpty()) {
          detail = task.variablesSet().toString();
        }
        events.add(new TimelineEvent(action.time(), "task-" + action.operation().toLowerCase(),
            task.taskDefinitionKey(), task.name(), action.user(), detail));
      }
    }
    for (DecisionEntry decision : decisions) {
      events.add(new TimelineEvent(decision.time(), "decision", null, decision.taskName(), decision.user(),
          decision.variable() + " = " + decision.value()));
    }
    for (EscalationEntry escalation : escalations) {
      events.add(new TimelineEvent(escalation.time(), "escalation", null, escalation.step(), null,
          escalation.reason() + ": " + escalation.detail()));
    }
    events.sort(Comparator.comparing(TimelineEvent::time, Comparator.nullsLast(Comparator.naturalOrder())));
    return events;
  }
}
