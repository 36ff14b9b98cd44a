package com.mayorcrew.deploy.observability;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.hostlock.HostLocks;
import com.mayorcrew.deploy.security.Role;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database: per configured host its queue length and how long its lock has been held, open
 * user tasks per role group, open incidents and jobs without retries. One reading serves every gauge for
 * {@code mcd.observability.gauge-refresh}, so a scrape costs a handful of count queries at most that often.
 */
@Component
class EngineGauges implements MeterBinder {

  /** One reading of everything the gauges show. */
  record Reading(Map<String, Integer> queueLength, Map<String, Double> lockAgeSeconds, Map<String, Long> openTasks,
      long incidents, long jobsWithoutRetries) {}

  private final DeployProperties deploy;
  private final HostLocks hostLocks;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final Duration refresh;
  private Reading reading;
  private long readAt;

  EngineGauges(DeployProperties deploy, HostLocks hostLocks, TaskService taskService, RuntimeService runtimeService,
      ManagementService managementService, ObservabilityProperties properties) {
    this.deploy = deploy;
    this.hostLocks = hostLocks;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.refresh = properties.gaugeRefresh();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String host : deploy.hosts().keySet()) {
      gauge(registry, "mcd.host.queue.length", "Deploys waiting for the canary host", reading ->
          reading.queueLength().getOrDefault(host, 0)).tag("host", host).register(registry);
      gauge(registry, "mcd.host.lock.age", "How long the deploy holding the canary host has held it (0: free)",
          reading -> reading.lockAgeSeconds().getOrDefault(host, 0.0)).tag("host", host).baseUnit("seconds")
          .register(registry);
    }
    for (Role role : Role.values()) {
      gauge(registry, "mcd.tasks.open", "Open user tasks a group is a candidate for (assigned or not)",
          reading -> reading.openTasks().getOrDefault(role.groupId(), 0L)).tag("group", role.groupId())
          .register(registry);
    }
    gauge(registry, "mcd.incidents.open", "Open incidents (steps whose retries are exhausted, among others)",
        Reading::incidents).register(registry);
    gauge(registry, "mcd.jobs.without.retries", "Jobs with no retries left", Reading::jobsWithoutRetries)
        .register(registry);
  }

  private Gauge.Builder<EngineGauges> gauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<Reading> value) {
    return Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.reading())).description(description);
  }

  synchronized Reading reading() {
    long now = System.nanoTime();
    if (reading == null || now - readAt >= refresh.toNanos()) {
      reading = read();
      readAt = now;
    }
    return reading;
  }

  private Reading read() {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Map<String, Integer> queues = new HashMap<>();
    Map<String, Double> lockAges = new HashMap<>();
    hostLocks.holders().forEach((host, holder) -> {
      queues.put(host, hostLocks.waiters(host).size());
      holder.map(held -> Duration.between(held.acquiredAt(), now).toMillis() / 1000.0)
          .ifPresent(age -> lockAges.put(host, Math.max(age, 0)));
    });
    Map<String, Long> openTasks = new HashMap<>();
    for (Role role : Role.values()) {
      openTasks.put(role.groupId(), taskService.createTaskQuery().taskCandidateGroup(role.groupId())
          .includeAssignedTasks().count());
    }
    return new Reading(queues, lockAges, openTasks, runtimeService.createIncidentQuery().count(),
        managementService.createJobQuery().noRetriesLeft().count());
  }
}
