package com.mayorcrew.deploy.observability;

import com.mayorcrew.deploy.context.Rehearsals;
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
 * ({@code camunda.bpm.metrics.enabled}). The engine's other meters (process instances, activities: what
 * {@code ACT_RU_METER_LOG} and the admin's execution metrics show) are marked here too, so a deploy rehearsed at
 * start-up ({@link Rehearsals}) is counted in none of them: it never ran.
 */
final class JobExecutorMetricsRegistry extends MetricsRegistry {

  private final Map<String, Counter> counters;

  JobExecutorMetricsRegistry(MeterRegistry registry) {
    String acquired = "Jobs an acquisition selected, by outcome: success (locked by this node) or failure (another "
        + "node or thread locked it first: an optimistic locking conflict)";
    String executed = "Job executions, by outcome (a failure is one failed attempt; its retries count again)";
    this.counters = Map.of(
        Metrics.JOB_ACQUISITION_ATTEMPT, counter(registry, "mcd.engine.job.acquisition.attempts",
            "Job acquisition cycles of this node's job executor"),
        Metrics.JOB_ACQUIRED_SUCCESS, counter(registry, "mcd.engine.jobs.acquired", acquired, "outcome", "success"),
        Metrics.JOB_ACQUIRED_FAILURE, counter(registry, "mcd.engine.jobs.acquired", acquired, "outcome", "failure"),
        Metrics.JOB_EXECUTION_REJECTED, counter(registry, "mcd.engine.jobs.rejected", "Hand-overs of acquired jobs "
            + "the job executor's threads and queue had no room for (the jobs stay locked by this node and are handed "
            + "over again at its next acquisition cycle)"),
        Metrics.JOB_SUCCESSFUL, counter(registry, "mcd.engine.jobs.executed", executed, "outcome", "success"),
        Metrics.JOB_FAILED, counter(registry, "mcd.engine.jobs.executed", executed, "outcome", "failure"),
        Metrics.JOB_LOCKED_EXCLUSIVE, counter(registry, "mcd.engine.jobs.locked.exclusive", "Exclusive jobs of a "
            + "process instance locked and run at once by the thread that created them, without an acquisition"));
  }

  private static Counter counter(MeterRegistry registry, String name, String description, String... tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  @Override
  public void markOccurrence(String name, long times) {
    if (Rehearsals.inProgress()) {
      return;
    }
    super.markOccurrence(name, times);
    Counter counter = counters.get(name);
    if (counter != null) {
      counter.increment(times);
    }
  }
}
