package com.mayorcrew.deploy.observability;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of what operators watch (docs/observability.md).
 *
 * @param readerGroups engine groups whose members read health details, {@code /actuator/info} and
 *     {@code /actuator/prometheus}; other authenticated users get the health summary only, and 403 elsewhere
 * @param healthCacheTime how long one round of the remote health checks (Docker hosts, GitHub) answers probes:
 *     callers within that time share it instead of asking every daemon again
 * @param healthWait the longest a probe waits for a remote check; one that has not answered by then is DOWN
 *     ("no answer yet") while it finishes within its own timeout in the background
 * @param gaugeRefresh how long the gauges read from the database (host queues and locks, open tasks, incidents,
 *     jobs without retries) keep their last reading
 */
@ConfigurationProperties("mcd.observability")
public record ObservabilityProperties(
    @DefaultValue({"camunda-admin", "auditors", "operators"}) List<String> readerGroups,
    @DefaultValue("2s") Duration healthCacheTime,
    @DefaultValue("5s") Duration healthWait,
    @DefaultValue("15s") Duration gaugeRefresh) {

  public ObservabilityProperties {
    readerGroups = List.copyOf(readerGroups);
  }
}
