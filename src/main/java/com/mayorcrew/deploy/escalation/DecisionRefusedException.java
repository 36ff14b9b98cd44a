package com.mayorcrew.deploy.escalation;

import org.camunda.bpm.engine.ProcessEngineException;

/** Refuses a decision that does not fit the escalation it answers; the task stays open. */
public class DecisionRefusedException extends ProcessEngineException {

  public DecisionRefusedException(String message) {
    super(message);
  }
}
