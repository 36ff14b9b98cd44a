package com.mayorcrew.deploy.hostlock;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Acquire canary host": joins the host's queue and takes the host when it is this deploy's turn. When it is
 * not, the model waits ("Waiting for canary host") until woken by the holder's release or a re-check timer. Each
 * attempt records who holds the host, since when, and the deploy's place in line (variables {@code hostHolder},
 * {@code hostHolderSince}, {@code hostQueue}), so Cockpit shows why a deploy waits.
 */
@Component
class AcquireCanaryHostDelegate implements JavaDelegate {

  private final HostLocks locks;
  private final RuntimeService runtimeService;

  public AcquireCanaryHostDelegate(HostLocks locks, RuntimeService runtimeService) {
    this.locks = locks;
    this.runtimeService = runtimeService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String host = deploy.canaryHost();
    String deployId = deploy.deployId();
    JoinHostQueueListener.join(locks, deploy);
    boolean acquired = locks.tryAcquire(host, deployId, execution.getProcessInstanceId(),
        ClockUtil.getCurrentTime().toInstant(), this::isRunning);
    deploy.set(HOST_ACQUIRED, acquired);
    Optional<HostLocks.Holder> holder = locks.holder(host);
    List<String> waiting = locks.waiting(host);
    deploy.set(HOST_HOLDER, holder.map(HostLocks.Holder::deployId)
        .orElse("(nobody; next in line: " + (waiting.isEmpty() ? deployId : waiting.get(0)) + ")"));
    deploy.set(HOST_HOLDER_SINCE, holder.map(held -> Date.from(held.acquiredAt())).orElse(null));
    deploy.set(HOST_QUEUE, acquired ? "holds canary host " + host
        : queueStatus(host, deployId, holder, waiting));
  }

  /** What Cockpit shows for a deploy waiting at "Waiting for canary host": who holds it, since when, its place. */
  private static String queueStatus(String host, String deployId, Optional<HostLocks.Holder> holder,
      List<String> waiting) {
    int place = waiting.indexOf(deployId) + 1;
    return "waiting for canary host " + host + ": "
        + holder.map(held -> "held by " + held.deployId() + " since " + held.acquiredAt()).orElse("not held")
        + "; place " + place + " of " + waiting.size() + " in line"
        + (place > 1 ? " (ahead: " + String.join(", ", waiting.subList(0, place - 1)) + ")" : "");
  }

  private boolean isRunning(String processInstanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
  }
}
