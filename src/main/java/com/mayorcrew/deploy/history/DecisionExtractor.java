package com.mayorcrew.deploy.history;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Picks decisions and notes out of the variable changes, by name, and attributes each to a user and a task. */
final class DecisionExtractor {

  /** {@code mayorDecision}, {@code mayorNote}, {@code smokeTestNotes}, and whatever later steps name alike. */
  static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*(Decision|Note|Notes)");

  private DecisionExtractor() {}

  static boolean isDecisionVariable(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /**
   * @param usersByOperation user operation id → the authenticated user who performed it
   * @param tasksByOperation user operation id → the task that operation completed
   */
  static List<DecisionEntry> from(List<VariableChange> changes, Map<String, String> usersByOperation,
      Map<String, TaskEntry> tasksByOperation) {
    return changes.stream().filter(change -> isDecisionVariable(change.name()))
        .map(change -> {
          String operation = change.userOperationId();
          TaskEntry task = operation == null ? null : tasksByOperation.get(operation);
          return new DecisionEntry(change.time(), change.name(), change.value(),
              operation == null ? null : usersByOperation.get(operation), task == null ? null : task.name());
        })
        .toList();
  }
}
