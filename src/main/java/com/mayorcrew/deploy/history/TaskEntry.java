package com.mayorcrew.deploy.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user task and the people who worked on it, from the engine's history and user operation log.
 *
 * @param candidateGroups the groups it was offered to: the escalation tier for escalation tasks
 * @param actions claims, assignments, delegations and the completion, each with its user and time
 * @param completedBy the authenticated user who completed it (user operation log)
 * @param variablesSet the variables the completing user submitted with the completion
 */
record TaskEntry(
    String taskId,
    String taskDefinitionKey,
    String name,
    List<String> candidateGroups,
    String assignee,
    Instant created,
    Instant ended,
    String endReason,
    List<TaskAction> actions,
    String completedBy,
    Instant completedAt,
    Map<String, String> variablesSet) {

  /** One user operation on a task. */
  public record TaskAction(Instant time, String operation, String user, String detail) {}
}
