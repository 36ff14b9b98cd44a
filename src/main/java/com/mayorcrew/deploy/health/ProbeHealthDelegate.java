package com.mayorcrew.deploy.health;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.BpmnErrors;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Probe container health" and "Probe rolled-back container": one observation per job, never a wait. The model's
 * wait calls it again until the verdict is healthy: when Docker reports a change of the container
 * ({@link ContainerHealthEvents}) or at the poll timer, whichever comes first; the deadline is fixed at the first
 * probe, in engine time.
 * A failed deploy container is a business outcome that leads to rollback (BPMN error {@value #HEALTH_FAILED}); a
 * failed rolled-back container escalates to the mayor, as the seed's rule says.
 */
@Component
class ProbeHealthDelegate implements JavaDelegate {

  /** Input parameter of the activity: which container is verified, {@code deploy} or {@code rollback}. */
  static final String VERIFYING = "verifying";

  private final HealthProbeService probes;
  private final DeployProperties properties;
  private final ContainerHealthEvents healthEvents;

  public ProbeHealthDelegate(HealthProbeService probes, DeployProperties properties,
      ContainerHealthEvents healthEvents) {
    this.probes = probes;
    this.properties = properties;
    this.healthEvents = healthEvents;
  }

  /** The deploy's container; a workflow (or script) replaced it by the service's container name. */
  private String containerOf(DeployContext deploy, String service) {
    Optional<String> id = deploy.containerId();
    if (id.isPresent()) {
      return id.get();
    }
    String name = properties.service(service, deploy.environment()).containerName();
    deploy.set(CONTAINER_NAME, name);
    return name;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String host = deploy.canaryHost();
    String service = deploy.service();
    DeployProperties.Health health = properties.service(service, deploy.environment()).health();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Date deadline = deploy.get(HEALTH_DEADLINE, Date.class).orElse(null);
    if (deadline == null) {
      deadline = Date.from(now.plus(health.timeout()));
      deploy.set(HEALTH_DEADLINE, deadline);
    }
    int passesBefore = deploy.get(HEALTH_PASSES, Integer.class).orElse(0);

    long probeStarted = System.nanoTime();
    HealthObservation observation = deploy.onDocker(() -> probes.via(deploy.dockerAccess())
        .observe(host, service, deploy.environment(), containerOf(deploy, service)));
    HealthJudgement judgement = HealthJudgement.judge(observation, passesBefore,
        health.requiredPasses(), now, deadline.toInstant(), health.timeout());
    deploy.set(HEALTH_PASSES, judgement.passes());
    deploy.set(HEALTH_SUMMARY, judgement.summary());
    deploy.set(HEALTH_POLL_INTERVAL, healthEvents.nextPoll(host, observation, health.pollInterval(),
        Duration.between(now, deadline.toInstant())).toString());
    if (judgement.verdict() == HealthJudgement.Verdict.FAILED) {
      String failure = "container " + deploy.text(CONTAINER_NAME) + ": " + judgement.summary();
      if ("rollback".equals(execution.getVariableLocal(VERIFYING))) {
        throw deploy.escalate(EscalationReason.ROLLBACK_FAILED,
            "the rolled-back container is not healthy: " + failure, judgement.evidence());
      }
      deploy.set(ROLLBACK_REASON, "health checks failed: " + failure + "\n" + judgement.evidence());
      throw new BpmnError(BpmnErrors.HEALTH_FAILED, failure);
    }
    deploy.set(HEALTH_VERDICT, judgement.verdict().name().toLowerCase());
    if (judgement.verdict() == HealthJudgement.Verdict.WAITING) {
      healthEvents.wakeAfterCommitIfChangedSince(deploy.text(CONTAINER_NAME), probeStarted);
    }
  }
}
