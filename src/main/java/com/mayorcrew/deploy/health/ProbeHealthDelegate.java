package com.mayorcrew.deploy.health;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DockerUnavailableException;
import com.mayorcrew.deploy.escalation.EscalationReason;
import com.mayorcrew.deploy.escalation.Escalations;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Probe container health": one observation per job, never a wait. The model's timer loop calls it again until
 * the verdict is healthy; the deadline is fixed at the first probe, in engine time.
 */
@Component
public class ProbeHealthDelegate implements JavaDelegate {

  private final HealthProbeService probes;
  private final DeployProperties properties;

  public ProbeHealthDelegate(HealthProbeService probes, DeployProperties properties) {
    this.probes = probes;
    this.properties = properties;
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
      observation = probes.observe(host, service, (String) execution.getVariable(CONTAINER_ID));
    } catch (DockerUnavailableException e) {
      throw Escalations.raise(execution, EscalationReason.DOCKER_UNAVAILABLE, e.getMessage(), null);
    }
    HealthJudgement judgement = HealthJudgement.judge(observation, passesBefore == null ? 0 : passesBefore,
        health.requiredPasses(), now, deadline.toInstant(), health.timeout());
    execution.setVariable(HEALTH_PASSES, judgement.passes());
    execution.setVariable(HEALTH_SUMMARY, judgement.summary());
    execution.setVariable(HEALTH_POLL_INTERVAL, health.pollInterval().toString());
    if (judgement.verdict() == HealthJudgement.Verdict.FAILED) {
      throw Escalations.raise(execution, EscalationReason.HEALTH_CHECK_FAILED,
          "container " + execution.getVariable(CONTAINER_NAME) + ": " + judgement.summary(), judgement.evidence());
    }
    execution.setVariable(HEALTH_VERDICT, judgement.verdict().name().toLowerCase());
  }
}
