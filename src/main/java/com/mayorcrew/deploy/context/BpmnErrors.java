package com.mayorcrew.deploy.context;

import java.util.List;

/** Every BPMN error code the model catches, in one place; a test holds them equal to the model's. */
public final class BpmnErrors {

  /** A business failure a person decides on: every escalation boundary event of the model catches it. */
  public static final String ESCALATE = "ESCALATE";
  /** The new container failed its health verification: the model rolls back. */
  public static final String HEALTH_FAILED = "HEALTH_FAILED";
  /** GitHub's rate limit stopped a step: the model's timer waits until {@code githubRetryAt}, then resumes there. */
  public static final String GITHUB_RATE_LIMITED = "GITHUB_RATE_LIMITED";
  /** Thrown by the model itself when a technical fault's deadline passes: the deploy ends, host left as it is. */
  public static final String FAULT_ABORT = "FAULT_ABORT";

  public static final List<String> ALL = List.of(ESCALATE, HEALTH_FAILED, GITHUB_RATE_LIMITED, FAULT_ABORT);

  private BpmnErrors() {}
}
