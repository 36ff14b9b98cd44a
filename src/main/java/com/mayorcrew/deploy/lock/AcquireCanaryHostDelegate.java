package com.mayorcrew.deploy.lock;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Acquire canary host": joins the host's queue and takes the host when it is this deploy's turn. When it is
 * not, the model waits ("Waiting for canary host") until woken by the holder's release or a re-check timer.
 */
@Component
public class AcquireCanaryHostDelegate implements JavaDelegate {

  private final HostLocks locks;
  private final RuntimeService runtimeService;

  public AcquireCanaryHostDelegate(HostLocks locks, RuntimeService runtimeService) {
    this.locks = locks;
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String host = (String) execution.getVariable(CANARY_HOST);
    String deployId = execution.getProcessBusinessKey();
    JoinHostQueueListener.join(locks, execution);
    boolean acquired = locks.tryAcquire(host, deployId, execution.getProcessInstanceId(),
        ClockUtil.getCurrentTime().toInstant(), this::isRunning);
    execution.setVariable(HOST_ACQUIRED, acquired);
    execution.setVariable(HOST_HOLDER, acquired ? deployId
        : locks.holder(host).map(HostLocks.Holder::deployId).orElse("(next in line: " + locks.waiting(host).get(0) + ")"));
  }

  private boolean isRunning(String processInstanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }
}
