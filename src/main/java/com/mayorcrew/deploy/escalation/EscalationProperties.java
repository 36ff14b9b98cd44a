package com.mayorcrew.deploy.escalation;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadlines of the people in the loop, so that no approval or escalation can hang forever.
 *
 * @param mayorDeadlines how long the mayor has to resolve an escalation, per priority; then it goes to the humans
 * @param reminderAt the share of the mayor's deadline after which the mayor is reminded (0.5 = half-way)
 * @param humanDeadline how long the humans have; then the safe default happens (rollback or abort, never continue)
 * @param approvalDeadline how long the humans have to approve a production deploy; then it is refused
 * @param hostRecheck how often a deploy waiting for its canary host checks again (besides being woken)
 * @param smokeTestDeadline how long the crew has for "Run smoke test" (it holds the host); then the mayor is
 *     escalated with {@code CREW_DID_NOT_FINISH}
 * @param statusUpdateDeadline how long the crew has for "Review and send status update" (it holds the host); then
 *     the mayor is escalated with {@code CREW_DID_NOT_FINISH}
 * @param technicalFaultDeadline how long the mayor has for "Resolve technical fault"; then the deploy is aborted
 *     and recorded as failed, the host's containers are left as they are, and the host is released
 */
@ConfigurationProperties("mcd.escalation")
public record EscalationProperties(
    Map<String, Duration> mayorDeadlines,
    @DefaultValue("0.5") double reminderAt,
    @DefaultValue("4h") Duration humanDeadline,
    @DefaultValue("24h") Duration approvalDeadline,
    @DefaultValue("10s") Duration hostRecheck,
    @DefaultValue("1h") Duration smokeTestDeadline,
    @DefaultValue("1h") Duration statusUpdateDeadline,
    @DefaultValue("2h") Duration technicalFaultDeadline) {

  private static final Map<String, Duration> DEFAULT_MAYOR_DEADLINES =
      Map.of("P0", Duration.ofMinutes(15), "P1", Duration.ofHours(1), "P2", Duration.ofHours(4));

  public EscalationProperties {
    Map<String, Duration> deadlines = new java.util.HashMap<>(DEFAULT_MAYOR_DEADLINES);
    if (mayorDeadlines != null) {
      deadlines.putAll(mayorDeadlines);
    }
    mayorDeadlines = Map.copyOf(deadlines);
  }

  public Duration mayorDeadline(String priority) {
    Duration deadline = mayorDeadlines.get(priority);
    if (deadline == null) {
      throw new IllegalStateException("no mayor deadline configured for priority " + priority
          + " (mcd.escalation.mayor-deadlines." + priority + ")");
    }
    return deadline;
  }
}
