package com.mayorcrew.deploy.hostlock;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of "Validate deploy request": an accepted canary request joins its host's queue in the very
 * transaction that accepts it, so deploys get the host in the order they were requested even when their
 * "Acquire canary host" jobs run at the same moment. A production request joins when it is approved and reaches
 * that step: waiting for approval must not hold a place in front of canary deploys.
 */
@Component
public class JoinHostQueueListener implements ExecutionListener {

  private static final String PRODUCTION = "production";

  private final HostLocks locks;

  public JoinHostQueueListener(HostLocks locks) {
    this.locks = locks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    if (!PRODUCTION.equals(execution.getVariable(ENVIRONMENT))) {
      join(locks, execution);
    }
  }

  /** Joins the deploy's host queue at its request time; a deploy already in the queue keeps its place. */
  static void join(HostLocks locks, DelegateExecution execution) {
    locks.enqueue((String) execution.getVariable(CANARY_HOST), execution.getProcessBusinessKey(),
        execution.getProcessInstanceId(), ((Date) execution.getVariable(REQUESTED_AT)).toInstant());
  }
}
