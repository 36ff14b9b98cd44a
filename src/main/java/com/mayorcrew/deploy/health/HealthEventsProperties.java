package com.mayorcrew.deploy.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health verification woken by the Docker daemons' events (docs/health-events.md).
 *
 * @param enabled follow each configured daemon's container events; off, only the poll timers wake the probes
 * @param reconnectMin the first wait before following a daemon again after its event stream ended or failed
 * @param reconnectMax the longest such wait; the wait doubles from the first to this one while the daemon fails
 * @param wakers threads that correlate the "Container health changed" messages (never the stream's own thread)
 * @param fallbackPollInterval the poll timer's interval (at least the service's own) while the container's Docker
 *     health check is still starting and its daemon's events are followed: Docker's {@code health_status} event
 *     wakes the wait the moment the check concludes, so polling at the service's pace would only repeat "starting"
 */
@ConfigurationProperties("mcd.health-events")
public record HealthEventsProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("250ms") Duration reconnectMin,
    @DefaultValue("30s") Duration reconnectMax,
    @DefaultValue("4") int wakers,
    @DefaultValue("5s") Duration fallbackPollInterval) {}
