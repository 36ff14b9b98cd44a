package com.mayorcrew.deploy.hostlock;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Process end listener: whatever path ends the deploy (done, failed, rolled back, aborted by a deadline, or
 * cancelled in Cockpit), its host lock or queue place goes, and the next deploy waiting for the host is woken.
 */
@Component
class ReleaseCanaryHostListener implements ExecutionListener {

  /** The message a deploy waiting for its host catches. */
  public static final String HOST_RELEASED = "CanaryHostReleased";

  private final HostLocks locks;
  private final RuntimeService runtimeService;

  public ReleaseCanaryHostListener(HostLocks locks, RuntimeService runtimeService) {
    this.locks = locks;
    this.runtimeService = runtimeService;
  }

  @Override
  public void notify(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String host = deploy.canaryHost();
    if (host == null) {
      return;
    }
    locks.release(host, deploy.deployId()).ifPresent(next ->
        runtimeService.createMessageCorrelation(HOST_RELEASED).processInstanceId(next).correlateAll());
  }
}
