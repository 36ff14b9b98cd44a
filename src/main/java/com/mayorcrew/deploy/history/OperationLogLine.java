package com.mayorcrew.deploy.history;

import java.time.Instant;

/** One entry of the engine's user operation log for a deploy: who changed what through the API or a webapp. */
record OperationLogLine(
    Instant time, String user, String operation, String entity, String property, String oldValue, String newValue,
    String taskId) {}
