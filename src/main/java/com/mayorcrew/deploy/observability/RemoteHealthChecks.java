package com.mayorcrew.deploy.observability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.Health;

/**
 * The remote health checks (each Docker host, GitHub), run side by side: the first indicator a probe asks starts
 * all of them at once and waits at most for the slowest one's own timeout (capped at {@code healthWait}), the
 * other indicators of that probe read the same round. So a probe takes about the longest single timeout, not
 * their sum. A check still running from an earlier round is not started twice: it reports DOWN until it answers.
 */
final class RemoteHealthChecks implements AutoCloseable {

  /** One named check and the deadline it keeps by itself (the adapter's call or request timeout). */
  record Check(Duration timeout, Supplier<Health> health) {}

  private static final Duration GRACE = Duration.ofMillis(500);

  private final Map<String, Check> checks;
  private final Duration cacheTime;
  private final Duration maxWait;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "mcd-health-check");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, CompletableFuture<Health>> running = new LinkedHashMap<>();
  private Map<String, Health> lastRound = Map.of();
  private long lastRoundAt;

  RemoteHealthChecks(Map<String, Check> checks, Duration cacheTime, Duration maxWait) {
    this.checks = Map.copyOf(checks);
    this.cacheTime = cacheTime;
    this.maxWait = maxWait;
  }

  Health health(String name) {
    return round().getOrDefault(name, Health.unknown().build());
  }

  private synchronized Map<String, Health> round() {
    long now = System.nanoTime();
    if (!lastRound.isEmpty() && now - lastRoundAt < cacheTime.toNanos()) {
      return lastRound;
    }
    checks.forEach((name, check) -> running.computeIfAbsent(name,
        started -> CompletableFuture.supplyAsync(check.health(), executor)));
    Map<String, Health> round = new LinkedHashMap<>();
    checks.forEach((name, check) -> {
      Duration wait = (check.timeout().compareTo(maxWait) < 0 ? check.timeout() : maxWait).plus(GRACE);
      long remaining = now + wait.toNanos() - System.nanoTime();
      round.put(name, await(name, running.get(name), Math.max(remaining, 0), wait));
    });
    lastRound = round;
    lastRoundAt = System.nanoTime();
    return round;
  }

  private Health await(String name, CompletableFuture<Health> check, long nanos, Duration wait) {
    try {
      Health health = check.get(nanos, TimeUnit.NANOSECONDS);
      running.remove(name);
      return health;
    } catch (TimeoutException stillRunning) {
      return Health.down().withDetail("error", "no answer within " + wait.toMillis() + " ms").build();
    } catch (ExecutionException failed) {
      running.remove(name);
      return Health.down().withDetail("error", String.valueOf(failed.getCause().getMessage())).build();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Health.unknown().build();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
