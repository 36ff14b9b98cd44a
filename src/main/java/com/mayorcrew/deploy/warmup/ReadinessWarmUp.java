package com.mayorcrew.deploy.warmup;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.health.ContainerHealthEvents;
import com.mayorcrew.deploy.health.HealthProbeService;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Before the web server opens, the parts the first deploy would otherwise pay for cold: each daemon's Docker client
 * (created, its read-only calls run once), the health probe's HTTP client, and the engine's and the steps' own paths
 * through {@code mcd.warm-up.rehearsals} rehearsed deploys ({@link DeployRehearsal}: rolled back, no trace). Runs in
 * the lifecycle phase before the event streams and the web server, so "REST answers" means "warm"; bounded by
 * {@code mcd.warm-up.budget}.
 */
@Component
class ReadinessWarmUp implements SmartLifecycle {

  static final int PHASE = ContainerHealthEvents.PHASE - 1;
  private static final Logger log = LoggerFactory.getLogger(ReadinessWarmUp.class);

  private final DockerClients clients;
  private final HealthProbeService probes;
  private final DeployRehearsal rehearsal;
  private final DeployProperties properties;
  private final WarmUpProperties settings;
  private volatile boolean running;

  ReadinessWarmUp(DockerClients clients, HealthProbeService probes, DeployRehearsal rehearsal,
      DeployProperties properties, WarmUpProperties settings) {
    this.clients = clients;
    this.probes = probes;
    this.rehearsal = rehearsal;
    this.properties = properties;
    this.settings = settings;
  }

  @Override
  public void start() {
    running = true;
    if (!settings.enabled()) {
      return;
    }
    long started = System.nanoTime();
    long giveUp = started + settings.budget().toNanos();
    List<String> answering = clients.warmUp(settings.budget());
    probes.warmUp();
    int rehearsed = rehearse(answering, giveUp);
    log.info("warm-up took {} ms: the Docker clients ({} host(s) answered), the probe's HTTP client, {} rehearsed "
        + "deploy(s), each rolled back", (System.nanoTime() - started) / 1_000_000, answering.size(), rehearsed);
  }

  /**
   * Rehearses on the first host whose daemon answered, the service (by name) that deploys with Docker; a host where a
   * rehearsal stops early (an identity that does not match, a failed call) gives way to the next.
   */
  private int rehearse(List<String> answering, long giveUp) {
    List<String> services = List.copyOf(new TreeSet<>(properties.services().keySet()));
    Optional<String> service = services.stream()
        .filter(name -> properties.service(name).executionMode() == DeployProperties.ExecutionMode.DOCKER).findFirst()
        .or(() -> services.stream().findFirst());
    Deque<String> hosts = new ArrayDeque<>(answering);
    // On a thread of its own, so a daemon that stops answering mid-rehearsal delays the start by the budget at most
    // (the rehearsal's calls end at their call timeout; its transaction then rolls back, holding the host till then).
    ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
      Thread rehearsing = new Thread(runnable, "mcd-rehearsal");
      rehearsing.setDaemon(true);
      return rehearsing;
    });
    int rehearsed = 0;
    try {
      while (service.isPresent() && !hosts.isEmpty() && rehearsed < settings.rehearsals()
          && System.nanoTime() < giveUp) {
        String host = hosts.peek();
        Optional<DeployRehearsal.Outcome> outcome = thread.submit(() -> rehearsal.rehearse(host, service.get()))
            .get(Math.max(0, giveUp - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (outcome.isEmpty()) {
          log.info("no deploy rehearsed at start-up: group crew has no member to assign a rehearsal to");
          return rehearsed;
        }
        rehearsed++;
        log.debug("deploy rehearsal: {}", outcome.get());
        if (!outcome.get().complete()) {
          log.info("a deploy rehearsal on host '{}' stopped at {}: {}", host, outcome.get().stoppedAt(),
              outcome.get().failure());
          hosts.pop();
        }
      }
    } catch (TimeoutException e) {
      log.warn("a deploy rehearsal on host '{}' did not end within the warm-up budget ({}); the start goes on",
          hosts.peek(), settings.budget());
    } catch (ExecutionException e) {
      log.warn("a deploy rehearsal at start-up failed; the first deploy will be slower: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      thread.shutdown();
    }
    return rehearsed;
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
