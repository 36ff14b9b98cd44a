package com.mayorcrew.deploy.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The deploy metrics (docs/observability.md lists them). Every tag value comes from configuration (service,
 * host), the request's checked fields (environment) or the model and the code's enums (result, phase, reason,
 * tier, deadline, trigger, outcome), so their number is bounded; deploy ids never become tags.
 */
final class DeployMeters {

  /** Deploys take seconds to hours: the histogram's buckets span that, not Micrometer's default 1 ms-30 s. */
  private static final Duration SHORTEST = Duration.ofMillis(100);
  private static final Duration LONGEST = Duration.ofDays(1);

  private final MeterRegistry registry;

  DeployMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The request's facts that tag a deploy's meters. */
  record DeployTags(String service, String host, String environment) {
    Tags tags() {
      return Tags.of("service", service, "host", host, "environment", environment);
    }
  }

  void started(DeployTags deploy) {
    Counter.builder("mcd.deploys.started").description("Deploys whose request was accepted")
        .tags(deploy.tags()).register(registry).increment();
  }

  void ended(DeployTags deploy, String result, long millis) {
    Tags tags = deploy.tags().and("result", result);
    Counter.builder("mcd.deploys.ended").description("Deploys that ended, by result").tags(tags)
        .register(registry).increment();
    histogram("mcd.deploy.duration", "From the accepted request to the end of the deploy", tags)
        .record(millis, TimeUnit.MILLISECONDS);
  }

  void phase(DeployTags deploy, String phase, String result, long millis) {
    histogram("mcd.deploy.phase.duration", "Time a deploy spent in one phase, recorded when the deploy ends",
        Tags.of("service", deploy.service(), "phase", phase, "result", result))
        .record(millis, TimeUnit.MILLISECONDS);
  }

  void escalated(String reason, String tier) {
    Counter.builder("mcd.escalations").description("Escalations that reached a person, by reason and tier")
        .tags("reason", reason, "tier", tier).register(registry).increment();
  }

  void deadlinePassed(String deadline) {
    Counter.builder("mcd.deadlines.passed").description("Deadlines of people's tasks that passed")
        .tags("deadline", deadline).register(registry).increment();
  }

  void safeDefaultApplied() {
    Counter.builder("mcd.safe.defaults.applied")
        .description("Escalations the humans left past their deadline, decided by the safe default")
        .register(registry).increment();
  }

  void rollbackStarted(String trigger) {
    Counter.builder("mcd.rollbacks").description("Rollbacks started, by what triggered them")
        .tags("trigger", trigger).register(registry).increment();
  }

  void webhookDelivery(String outcome) {
    Counter.builder("mcd.webhook.deliveries").description("Webhook delivery attempts, by outcome")
        .tags("outcome", outcome).register(registry).increment();
  }

  private Timer histogram(String name, String description, Tags tags) {
    return Timer.builder(name).description(description).tags(tags).publishPercentileHistogram()
        .minimumExpectedValue(SHORTEST).maximumExpectedValue(LONGEST).register(registry);
  }

  static String tagValue(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
