package com.mayorcrew.deploy.history;

import java.util.List;
import java.util.Map;

/**
 * Everything the history holds about one deploy: the page and the JSON export show this.
 *
 * @param request the Deploy Request fields as submitted, with the requester and request time
 * @param variables every other variable's current value, so later steps' variables appear without code changes
 * @param metadata the deploy's metadata record ({@code deployMetadata}), pretty-printed JSON
 * @param statusReport the final status report in the template's layout
 */
record DeployTimeline(
    DeploySummary deploy,
    Map<String, String> request,
    List<ActivityEntry> activities,
    List<TaskEntry> tasks,
    List<DecisionEntry> decisions,
    List<EscalationEntry> escalations,
    String escalationLog,
    List<OperationLogLine> operationLog,
    Map<String, String> variables,
    String metadata,
    String statusReport,
    List<TimelineEvent> events) {

  public List<ActivityEntry> timers() {
    return activities.stream().filter(ActivityEntry::timer).toList();
  }

  public List<ActivityEntry> rollbacks() {
    return activities.stream().filter(ActivityEntry::rollback).toList();
  }
}
