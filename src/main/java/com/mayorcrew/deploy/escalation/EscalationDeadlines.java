package com.mayorcrew.deploy.escalation;

import com.mayorcrew.deploy.context.DeployContext;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * The due dates of the model's deadline timers, computed in engine time when a task is entered; referenced from
 * the timers as e.g. {@code ${escalationDeadlines.mayorDeadline(execution)}}.
 * <p>Public: the model calls its methods by expression, which needs a public class.
 */
@Component("escalationDeadlines")
public class EscalationDeadlines {

  private final EscalationProperties properties;

  public EscalationDeadlines(EscalationProperties properties) {
    this.properties = properties;
  }

  public Date mayorDeadline(DelegateExecution execution) {
    return fromNow(mayorDuration(execution));
  }

  public Date mayorReminder(DelegateExecution execution) {
    return fromNow(Duration.ofMillis((long) (mayorDuration(execution).toMillis() * properties.reminderAt())));
  }

  public Date humanDeadline(DelegateExecution execution) {
    return fromNow(properties.humanDeadline());
  }

  public Date approvalDeadline(DelegateExecution execution) {
    return fromNow(properties.approvalDeadline());
  }

  public Date smokeTestDeadline(DelegateExecution execution) {
    return fromNow(properties.smokeTestDeadline());
  }

  public Date statusUpdateDeadline(DelegateExecution execution) {
    return fromNow(properties.statusUpdateDeadline());
  }

  public Date technicalFaultDeadline(DelegateExecution execution) {
    return fromNow(properties.technicalFaultDeadline());
  }

  /** The re-check interval of a deploy waiting for its host, as an ISO-8601 duration for a timer. */
  public String hostRecheck() {
    return properties.hostRecheck().toString();
  }

  private Duration mayorDuration(DelegateExecution execution) {
    return properties.mayorDeadline(DeployContext.of(execution).priority());
  }

  private static Date fromNow(Duration duration) {
    return new Date(ClockUtil.getCurrentTime().getTime() + duration.toMillis());
  }
}
