package com.mayorcrew.deploy.security;

import org.camunda.bpm.engine.ProcessEngineException;

/** Refuses a decision on a deploy by the person who requested it (four-eyes rule); REST and /api answer 403. */
public class RequesterMayNotDecideException extends ProcessEngineException {

  public RequesterMayNotDecideException(String userId, String taskName, String deployId) {
    super("User '" + userId + "' requested deploy " + deployId + " and may not decide '" + taskName
        + "' for it: another member of the deciding group must complete this task");
  }
}
