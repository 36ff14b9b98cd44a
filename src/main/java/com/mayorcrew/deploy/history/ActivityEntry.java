package com.mayorcrew.deploy.history;

import java.time.Instant;
import org.camunda.bpm.engine.history.HistoricActivityInstance;

/**
 * One run of one activity of the model. New activities of the model show up here without code changes; the
 * {@link #timer()} and {@link #rollback()} views pick theirs by type and name.
 *
 * @param outcome {@code completed}, {@code interrupted} (cancelled or left by an error), {@code running}, or
 *     {@code escalated: REASON} when the activity raised an escalation
 */
record ActivityEntry(
    String activityInstanceId,
    String activityId,
    String name,
    String type,
    Instant startTime,
    Instant endTime,
    Long durationMillis,
    String outcome,
    String assignee) {

  /** The engine's record of the run, with the outcome the caller read for it. */
  static ActivityEntry of(HistoricActivityInstance activity, String outcome) {
    return new ActivityEntry(activity.getId(), activity.getActivityId(), activity.getActivityName(),
        activity.getActivityType(), Times.instant(activity.getStartTime()), Times.instant(activity.getEndTime()),
        activity.getDurationInMillis(), outcome, activity.getAssignee());
  }

  /** Timer events (e.g. health poll waits, deadlines) that fired or wait. */
  public boolean timer() {
    return type != null && type.toLowerCase().contains("timer");
  }

  /** Rollback activities, recognised by id or name. */
  public boolean rollback() {
    return contains(activityId, "rollback") || contains(name, "rollback") || contains(name, "roll back");
  }

  private static boolean contains(String text, String part) {
    return text != null && text.toLowerCase().contains(part);
  }
}
