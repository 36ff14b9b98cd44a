package com.mayorcrew.deploy.health;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.ContainerEvents;
import com.mayorcrew.deploy.docker.ContainerEvents.ContainerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes health waits at once when Docker reports a change of their container: one event stream per Docker daemon
 * of the configured hosts (hosts that share an endpoint share a stream), filtered on the container actions that
 * change what a probe sees ({@value #ACTIONS_TEXT}). An event correlates the message "Container health changed" of
 * the deploys waiting on a container of that name; the probe it wakes re-reads the container and decides, so a
 * lost, late or duplicated event never decides anything: the poll timer stays the fallback and the deadline.
 *
 * <p>A stream that ends or fails is followed again after a back-off (doubling up to {@code reconnect-max}), from
 * the time of the last event it delivered, so events of the gap are replayed as far as the daemon still holds them.
 * Correlations run on a small pool of their own: never on the stream's thread, never on an engine job thread.
 */
@Component
public class ContainerHealthEvents implements SmartLifecycle {

  /**
   * Before the web server starts (its phase is 1024 below the graceful shutdown's): the streams are being followed
   * when requests come. The readiness warm-up runs in the phase just before.
   */
  public static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 4095;
  static final String ACTIONS_TEXT = "health_status, die, oom, destroy";
  static final List<String> ACTIONS = List.of("health_status", "die", "oom", "destroy");
  /** The BPMN message Message_ContainerHealthChanged is named {@code ContainerHealthChanged:${containerName}}. */
  static final String MESSAGE_PREFIX = "ContainerHealthChanged:";
  /** Events older than this cannot matter to a probe that is running now. */
  private static final long RECENT_NANOS = Duration.ofMinutes(1).toNanos();
  private static final int RECENT_LIMIT = 1_000;
  private static final int WAKE_QUEUE = 1_000;
  private static final Logger log = LoggerFactory.getLogger(ContainerHealthEvents.class);

  private final ContainerEvents events;
  private final DeployProperties properties;
  private final HealthEventsProperties settings;
  private final RuntimeService runtimeService;
  /** When (System.nanoTime) an event about a container name last arrived, for probes that were running then. */
  private final Map<String, Long> lastEventAt = new ConcurrentHashMap<>();
  /**
   * Container names whose waits are being woken now, each with whether another wake came meanwhile: one
   * correlation per container at a time on this node (events come in bursts: oom, oom, die, destroy), and a wake
   * that comes during it correlates once more afterwards.
   */
  private final Map<String, Boolean> wakesUnderWay = new HashMap<>();
  /** By Docker endpoint: hosts that share a daemon share its follower. */
  private final Map<String, Follower> followers = new LinkedHashMap<>();
  private ScheduledExecutorService reconnects;
  private ThreadPoolExecutor wakers;
  private volatile boolean running;

  public ContainerHealthEvents(ContainerEvents events, DeployProperties properties, HealthEventsProperties settings,
      RuntimeService runtimeService) {
    this.events = events;
    this.properties = properties;
    this.settings = settings;
    this.runtimeService = runtimeService;
  }

  @Override
  public synchronized void start() {
    if (running || !settings.enabled()) {
      return;
    }
    reconnects = Executors.newSingleThreadScheduledExecutor(daemonThreads("health-events-connect"));
    wakers = new ThreadPoolExecutor(settings.wakers(), settings.wakers(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(WAKE_QUEUE), daemonThreads("health-events-wake"));
    synchronized (wakesUnderWay) {
      wakesUnderWay.clear();
    }
    running = true;
    // one stream per daemon: the first host named with an endpoint follows it for all hosts on it
    Map<String, String> hostByEndpoint = new LinkedHashMap<>();
    new TreeMap<>(properties.hosts()).forEach((name, host) -> {
      if (host.dockerEndpoint() != null && !host.dockerEndpoint().isBlank()) {
        hostByEndpoint.putIfAbsent(host.dockerEndpoint().trim(), name);
      }
    });
    hostByEndpoint.forEach((endpoint, host) -> {
      Follower follower = new Follower(host);
      followers.put(endpoint, follower);
      reconnects.execute(follower::follow);
    });
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    followers.values().forEach(Follower::stop);
    followers.clear();
    reconnects.shutdownNow();
    wakers.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /**
   * When the poll timer wakes a probe that left its container waiting: at the service's {@code poll-interval},
   * except while Docker's own health check is still starting and the host's daemon events are followed now; then
   * at {@code fallback-poll-interval}, since the check's verdict wakes the wait as an event. Never past the deadline.
   */
  public Duration nextPoll(String host, HealthObservation observation, Duration pollInterval, Duration untilDeadline) {
    return nextPoll(observation.awaitsDockersHealthCheck() && following(host), pollInterval,
        settings.fallbackPollInterval(), untilDeadline);
  }

  static Duration nextPoll(boolean eventWillWake, Duration pollInterval, Duration fallback, Duration untilDeadline) {
    if (!eventWillWake) {
      return pollInterval;
    }
    Duration longer = fallback.compareTo(untilDeadline) < 0 ? fallback : untilDeadline;
    return longer.compareTo(pollInterval) > 0 ? longer : pollInterval;
  }

  /** Whether the events of the host's Docker daemon are followed now (its stream is open). */
  public synchronized boolean following(String host) {
    DeployProperties.Host config = properties.hosts().get(host);
    if (!running || config == null || config.dockerEndpoint() == null) {
      return false;
    }
    Follower follower = followers.get(config.dockerEndpoint().trim());
    return follower != null && follower.open;
  }

  /**
   * For a probe that leaves its deploy waiting: an event about the container that arrived after the probe began
   * found no wait to wake yet (the wait's subscription is created in the probe's transaction), so it wakes the
   * wait once that transaction has committed. Must be called inside the engine's command (the delegate).
   */
  public void wakeAfterCommitIfChangedSince(String containerName, long probeStartedNanos) {
    Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
        committed -> {
          Long at = lastEventAt.get(containerName);
          if (at != null && at - probeStartedNanos >= 0) {
            wake(containerName);
          }
        });
  }

  private void onEvent(ContainerEvent event) {
    String name = event.containerName();
    if (name == null || name.isBlank()) {
      return;
    }
    long now = System.nanoTime();
    if (lastEventAt.size() >= RECENT_LIMIT) {
      lastEventAt.values().removeIf(at -> now - at > RECENT_NANOS);
    }
    lastEventAt.put(name, now);
    log.debug("container {} on a followed daemon: {}", name, event.action());
    wake(name);
  }

  private void wake(String containerName) {
    ThreadPoolExecutor pool = wakers;
    if (!running || pool == null) {
      return;
    }
    synchronized (wakesUnderWay) {
      if (wakesUnderWay.containsKey(containerName)) {
        wakesUnderWay.put(containerName, true);
        return;
      }
      wakesUnderWay.put(containerName, false);
    }
    try {
      pool.execute(() -> correlateUntilNoWakeIsLeft(containerName));
    } catch (RejectedExecutionException e) {
      synchronized (wakesUnderWay) {
        wakesUnderWay.remove(containerName);
      }
      // the poll timers still wake every wait
      log.warn("health event for container {} dropped: {} wake-ups already queued", containerName, WAKE_QUEUE);
    }
  }

  private void correlateUntilNoWakeIsLeft(String containerName) {
    boolean again = true;
    while (again) {
      correlate(containerName);
      synchronized (wakesUnderWay) {
        again = Boolean.TRUE.equals(wakesUnderWay.get(containerName));
        if (again) {
          wakesUnderWay.put(containerName, false);
        } else {
          wakesUnderWay.remove(containerName);
        }
      }
    }
  }

  /**
   * Correlates the message to every wait on the container. A wait woken at the same moment by its poll timer or by
   * another node makes the correlation fail, and not only with an OptimisticLockingException (the engine may find
   * the subscription gone, or the execution half removed); then no wait subscribes any more and there is nothing
   * left to wake. A failure while a wait still subscribes is tried once more.
   */
  private void correlate(String containerName) {
    String message = MESSAGE_PREFIX + containerName;
    for (int attempt = 1; ; attempt++) {
      try {
        int woken = runtimeService.createMessageCorrelation(message).correlateAllWithResult().size();
        if (woken > 0) {
          log.debug("woke {} health wait(s) on container {}", woken, containerName);
        }
        return;
      } catch (RuntimeException e) {
        if (!waitsFor(message)) {
          log.debug("health wait on container {} was woken concurrently (timer or another node): {}", containerName,
              e.toString());
          return;
        }
        if (attempt == 2) {
          log.warn("waking the health waits on container {} failed (the poll timer still wakes them): {}",
              containerName, e.toString());
          return;
        }
      }
    }
  }

  private boolean waitsFor(String message) {
    try {
      return runtimeService.createEventSubscriptionQuery().eventType("message").eventName(message).count() > 0;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Follows one daemon's events and follows them again after the stream ends, with a back-off. */
  private final class Follower implements ContainerEvents.Listener {

    private final String hostName;
    private volatile AutoCloseable stream;
    private volatile boolean stopped;
    private volatile Instant resumeFrom;
    private volatile boolean failing;
    /** Between the daemon's answer and the stream's end: events flow. */
    private volatile boolean open;
    private Duration backoff = settings.reconnectMin();

    Follower(String hostName) {
      this.hostName = hostName;
    }

    void follow() {
      if (stopped) {
        return;
      }
      try {
        stream = events.follow(hostName, ACTIONS, resumeFrom, this);
      } catch (RuntimeException e) {
        ended(e);
      }
      if (stopped) {
        closeStream();
      }
    }

    void stop() {
      stopped = true;
      open = false;
      closeStream();
    }

    private void closeStream() {
      AutoCloseable open = stream;
      if (open != null) {
        try {
          open.close();
        } catch (Exception e) {
          log.debug("closing the event stream of host '{}': {}", hostName, e.toString());
        }
      }
    }

    @Override
    public void connected() {
      open = true;
      synchronized (this) {
        backoff = settings.reconnectMin();
      }
      if (failing) {
        failing = false;
        log.info("following the container events of host '{}' again", hostName);
      } else {
        log.debug("following the container events of host '{}'", hostName);
      }
    }

    @Override
    public void event(ContainerEvent event) {
      resumeFrom = event.time();
      onEvent(event);
    }

    @Override
    public void ended(Throwable failure) {
      open = false;
      if (stopped) {
        return;
      }
      if (resumeFrom == null) {
        // nothing delivered yet: replay from shortly before the stream ended (clocks of remote daemons may differ)
        resumeFrom = Instant.now().minusSeconds(1);
      }
      Duration wait;
      synchronized (this) {
        wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMax()) > 0
            ? settings.reconnectMax() : backoff.multipliedBy(2);
      }
      String why = failure == null ? "closed by the daemon" : failure.toString();
      if (!failing) {
        failing = true;
        log.warn("event stream of host '{}' ended ({}); following again in {} ms, then with back-off up to {} s; "
            + "meanwhile the poll timers wake the health waits", hostName, why, wait.toMillis(),
            settings.reconnectMax().toSeconds());
      } else {
        log.debug("event stream of host '{}' still unavailable ({}); next try in {} ms", hostName, why,
            wait.toMillis());
      }
      try {
        reconnects.schedule(this::follow, wait.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // stopping
      }
    }
  }
}
