package com.mayorcrew.deploy.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.context.Rehearsals;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.camunda.bpm.engine.management.Metrics;
import org.junit.jupiter.api.Test;

/** The engine's meters and the job executor's counters count real work only, never a rehearsed deploy's. */
class JobExecutorMetricsRegistryTest {

  @Test
  void whatARehearsalDoesIsCountedNowhere() {
    SimpleMeterRegistry micrometer = new SimpleMeterRegistry();
    JobExecutorMetricsRegistry registry = new JobExecutorMetricsRegistry(micrometer);
    registry.createDbMeter(Metrics.ROOT_PROCESS_INSTANCE_START);
    registry.createDbMeter(Metrics.JOB_SUCCESSFUL);

    registry.markOccurrence(Metrics.ROOT_PROCESS_INSTANCE_START);
    registry.markOccurrence(Metrics.JOB_SUCCESSFUL);
    Rehearsals.run(() -> {
      registry.markOccurrence(Metrics.ROOT_PROCESS_INSTANCE_START);
      registry.markOccurrence(Metrics.JOB_SUCCESSFUL, 5);
      return null;
    });

    assertThat(registry.getDbMeterByName(Metrics.ROOT_PROCESS_INSTANCE_START).get()).isEqualTo(1);
    assertThat(registry.getDbMeterByName(Metrics.JOB_SUCCESSFUL).get()).isEqualTo(1);
    assertThat(micrometer.get("mcd.engine.jobs.executed").tag("outcome", "success").counter().count()).isEqualTo(1);
    assertThat(Rehearsals.inProgress()).isFalse();
  }
}
