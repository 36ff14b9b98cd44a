package com.mayorcrew.deploy.health;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Probe container health" and "Probe rolled-back container": one observation per job, never a wait. The model's
 * timer loop calls it again until the verdict is healthy; the deadline is fixed at the first probe, in engine time.
 * A failed deploy container is a business outcome that leads to rollback (BPMN error {@value #HEALTH_FAILED}); a
 * failed rolled-back container escalates to the mayor, as the seed's rule says.
 */
@Component
public class ProbeHealthDelegate implements JavaDelegate {

  public static final String HEALTH_FAILED = "HEALTH_FAILED";
  /** Input parameter of the activity: which container is verified, {@code deploy} or {@code rollback}. */
  static final String VERIFYING = "verifying";

  private final HealthProbeService probes;
  private final DeployProperties properties;

  public ProbeHealthDelegate(HealthProbeService probes, DeployProperties properties) {
    this.probes = probes;
    this.properties = properties;
  }

  /** The deploy's container; a workflow (or script) replaced it by the service's container name. */
  private String containerOf(DelegateExecution execution, String service) {
    Object id = execution.getVariable(CONTAINER_ID);
    if (id instanceof String containerId && !containerId.isBlank()) {
      return containerId;
    }
    String name = properties.service(service).containerName();
    execution.setVariable(CONTAINER_NAME, name);
    return name;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String host = (String) execution.getVariable(CANARY_HOST);
    String service = (String) execution.getVariable(SERVICE);
    DeployProperties.Health health = properties.service(service).health();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Date deadline = (Date) execution.getVariable(HEALTH_DEADLINE);
    if (deadline == null) {
      deadline = Date.from(now.plus(health.timeout()));
      execution.setVariable(HEALTH_DEADLINE, deadline);
    }
    Integer passesBefore = (Integer) execution.getVariable(HEALTH_PASSES);

    HealthObservation observation;
    try {
      observation = probes.observe(host, service, containerOf(execution, service));
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), e.evidence());
    }
    HealthJudgement judgement = HealthJudgement.judge(observation, passesBefore == null ? 0 : passesBefore,
        health.requiredPasses(), now, deadline.toInstant(), health.timeout());
    execution.setVariable(HEALTH_PASSES, judgement.passes());
    execution.setVariable(HEALTH_SUMMARY, judgement.summary());
    execution.setVariable(HEALTH_POLL_INTERVAL, health.pollInterval().toString());
    if (judgement.verdict() == HealthJudgement.Verdict.FAILED) {
      String failure = "container " + execution.getVariable(CONTAINER_NAME) + ": " + judgement.summary();
      if ("rollback".equals(execution.getVariableLocal(VERIFYING))) {
        throw Escalations.raise(execution, EscalationReason.ROLLBACK_FAILED,
            "the rolled-back container is not healthy: " + failure, judgement.evidence());
      }
      execution.setVariable(ROLLBACK_REASON, "health checks failed: " + failure + "\n" + judgement.evidence());
      throw new BpmnError(HEALTH_FAILED, failure);
    }
    execution.setVariable(HEALTH_VERDICT, judgement.verdict().name().toLowerCase());
  }
}
