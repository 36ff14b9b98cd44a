package com.mayorcrew.deploy.hostlock;

import com.mayorcrew.deploy.context.DeployContext;
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
class JoinHostQueueListener implements ExecutionListener {

  private static final String PRODUCTION = "production";

  private final HostLocks locks;

  public JoinHostQueueListener(HostLocks locks) {
    this.locks = locks;
  }

  @Override
  public void notify(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    if (!PRODUCTION.equals(deploy.environment())) {
      join(locks, deploy);
    }
  }

  /** Joins the deploy's host queue at its request time; a deploy already in the queue keeps its place. */
  static void join(HostLocks locks, DeployContext deploy) {
    locks.enqueue(deploy.canaryHost(), deploy.deployId(), deploy.processInstanceId(), deploy.requestedAt());
  }
}
