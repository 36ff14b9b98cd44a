package com.mayorcrew.deploy.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.impl.metrics.MetricsRegistry;
import org.camunda.bpm.engine.management.Metrics;

/**
 * The engine's metrics registry, unchanged, that also counts the job executor's occurrences in Micrometer
 * (docs/observability.md lists the meters). The engine's own meters cannot back a Micrometer counter: its database
 * reporter resets them (get and clear) at each flush, so a counter read off them would go backwards. Every place
 * of the engine that counts one of these calls {@link #markOccurrence(String, long)}, directly or through
 * {@link #markOccurrence(String)}: {@code JobExecutor} (acquisition attempt, acquired success and failure,
 * execution rejected), {@code SuccessfulJobListener}, {@code FailedJobListener} and
 * {@code ExclusiveJobAddedNotification}, each only while the engine's metrics are on
 * ({@code camunda.bpm.metrics.enabled}).
 */
final class JobExecutorMetricsRegistry extends MetricsRegistry {

  private final Map<String, Counter> counters;

  JobExecutorMetricsRegistry(MeterRegistry registry) {
    String acquired = "Jobs an acquisition selected, by outcome: success (locked by this node) or failure (another "
        + "node or thread locked it first: an optimistic locking conflict)";
    String executed = "Job executions, by outcome (a failure is one failed attempt; its retries count again)";
    this.counters = Map.of(
        Metrics.JOB_ACQUISITION_ATTEMPT, Counter.builder("mcd.engine.job.acquisition.attempts")
            .description("Job acquisition cycles of this node's job executor").register(registry),
        Metrics.JOB_ACQUIRED_SUCCESS, Counter.builder("mcd.engine.jobs.acquired").description(acquired)
            .tag("outcome", "success").register(registry),
        Metrics.JOB_ACQUIRED_FAILURE, Counter.builder("mcd.engine.jobs.acquired").description(acquired)
            .tag("outcome", "failure").register(registry),
        Metrics.JOB_EXECUTION_REJECTED, Counter.builder("mcd.engine.jobs.rejected")
            .description("Hand-overs of acquired jobs the job executor's threads and queue had no room for (the jobs "
                + "stay locked by this node and are handed over again at its next acquisition cycle)")
            .register(registry),
        Metrics.JOB_SUCCESSFUL, Counter.builder("mcd.engine.jobs.executed").description(executed)
            .tag("outcome", "success").register(registry),
        Metrics.JOB_FAILED, Counter.builder("mcd.engine.jobs.executed").description(executed)
            .tag("outcome", "failure").register(registry),
        Metrics.JOB_LOCKED_EXCLUSIVE, Counter.builder("mcd.engine.jobs.locked.exclusive")
            .description("Exclusive jobs of a process instance locked and run at once by the thread that created "
                + "them, without an acquisition").register(registry));
  }

  @Override
  public void markOccurrence(String name, long times) {
    super.markOccurrence(name, times);
    Counter counter = counters.get(name);
    if (counter != null) {
      counter.increment(times);
    }
  }
}
