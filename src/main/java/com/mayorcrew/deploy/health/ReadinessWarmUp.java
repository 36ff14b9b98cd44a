package com.mayorcrew.deploy.health;

import com.mayorcrew.deploy.docker.DockerClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Before the web server opens, the parts the first deploy would otherwise pay for cold: each daemon's Docker client
 * (created, its read-only calls run once) and the health probe's HTTP client. Runs in a lifecycle phase before the
 * web server's, so "REST answers" means "warm"; bounded by {@code mcd.warm-up.budget}.
 */
@Component
class ReadinessWarmUp implements SmartLifecycle {

  /** Before the web server starts (its phase is 1024 below the graceful shutdown's), and before the event streams. */
  static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 4096;
  private static final Logger log = LoggerFactory.getLogger(ReadinessWarmUp.class);

  private final DockerClients clients;
  private final HealthProbeService probes;
  private final WarmUpProperties settings;
  private volatile boolean running;

  ReadinessWarmUp(DockerClients clients, HealthProbeService probes, WarmUpProperties settings) {
    this.clients = clients;
    this.probes = probes;
    this.settings = settings;
  }

  @Override
  public void start() {
    running = true;
    if (!settings.enabled()) {
      return;
    }
    long started = System.nanoTime();
    clients.warmUp(settings.budget());
    probes.warmUp();
    log.info("warm-up of the Docker and probe clients took {} ms", (System.nanoTime() - started) / 1_000_000);
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
