package com.mayorcrew.deploy.history;

import java.time.Instant;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;

/**
 * One recorded change of a variable (history level full keeps every one), with the activity instance it happened
 * in and the user operation (e.g. a task completion through REST) that caused it.
 */
record VariableChange(Instant time, String name, String value, String activityInstanceId, String taskId,
    String userOperationId) {

  static VariableChange of(HistoricVariableUpdate update) {
    return new VariableChange(Times.instant(update.getTime()), update.getVariableName(), text(update.getValue()),
        update.getActivityInstanceId(), update.getTaskId(), update.getUserOperationId());
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
