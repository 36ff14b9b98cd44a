package com.mayorcrew.deploy.health;

import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.DeployProperties.DockerAccess;
import com.mayorcrew.deploy.config.SecretStore;
import com.mayorcrew.deploy.docker.DockerClients;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Observes a new container once: one inspect and at most one HTTP GET of the service's probe URL. */
@Component
public class HealthProbeService {

  private static final int LOG_ENTRIES = 5;
  private static final int LOG_ENTRY_CHARS = 300;

  private final DockerClients clients;
  private final DeployProperties properties;
  private final SecretStore secrets;
  private final HttpClient http;
  /** How the daemons are reached; null: each host's default. */
  private final DockerAccess access;

  @Autowired
  public HealthProbeService(DockerClients clients, DeployProperties properties, SecretStore secrets) {
    this(clients, properties, secrets, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(),
        null);
  }

  private HealthProbeService(DockerClients clients, DeployProperties properties, SecretStore secrets,
      HttpClient http, DockerAccess access) {
    this.clients = clients;
    this.properties = properties;
    this.secrets = secrets;
    this.http = http;
    this.access = access;
  }

  /** Loads and runs the probe's HTTP client once (a refused local connection), before the first deploy needs it. */
  public void warmUp() {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/")).timeout(Duration.ofSeconds(1))
        .GET().build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).exceptionally(refused -> null).join();
  }

  /** The same service, reaching the daemons through {@code access}. */
  public HealthProbeService via(DockerAccess access) {
    return new HealthProbeService(clients, properties, secrets, http, access);
  }

  public HealthObservation observe(String host, String service, String environment, String containerId) {
    DeployProperties.Health health = properties.service(service, environment).health();
    InspectContainerResponse container;
    try {
      container = clients.execute(host, access, docker -> docker.inspectContainerCmd(containerId).exec());
    } catch (NotFoundException e) {
      // removed behind the deploy's back: as failed as an exited container, not a technical fault
      return new HealthObservation(false, HealthObservation.NONE, 0, null, null, List.of(), "removed", null, false, 0);
    }
    InspectContainerResponse.ContainerState state = container.getState();
    boolean running = Boolean.TRUE.equals(state.getRunning());
    HealthState check = state.getHealth();
    String containerHealth = check == null || check.getStatus() == null ? HealthObservation.NONE : check.getStatus();
    Integer restarts = container.getRestartCount();

    Integer probeStatus = null;
    String probeError = null;
    if (health.url() != null && !health.url().isBlank()) {
      if (running) {
        ProbeResult probe = probe(service, health, properties.host(host).serviceAddress());
        probeStatus = probe.status();
        probeError = probe.error();
      } else {
        probeError = "not probed: container is not running";
      }
    }
    Long memoryLimit = container.getHostConfig() == null ? null : container.getHostConfig().getMemory();
    return new HealthObservation(running, containerHealth, restarts == null ? 0 : restarts, probeStatus,
        probeError, healthLog(check), state.getStatus(), exitCode(state), Boolean.TRUE.equals(state.getOOMKilled()),
        memoryLimit == null ? 0 : memoryLimit);
  }

  private static Long exitCode(InspectContainerResponse.ContainerState state) {
    // only a stopped run has an exit code; Docker reports a never-started container with a zero start time
    String started = state.getStartedAt();
    boolean neverRan = started == null || started.startsWith("0001-");
    return Boolean.TRUE.equals(state.getRunning()) || neverRan ? null : state.getExitCodeLong();
  }

  private static List<String> healthLog(HealthState check) {
    if (check == null || check.getLog() == null) {
      return List.of();
    }
    List<String> outputs = check.getLog().stream()
        .map(HealthProbeService::logEntry)
        .toList();
    return outputs.subList(Math.max(0, outputs.size() - LOG_ENTRIES), outputs.size());
  }

  /** A check's output, trimmed and cut; a silent check (e.g. a bare "exit 1") shows its exit code instead. */
  private static String logEntry(HealthStateLog entry) {
    String output = entry.getOutput() == null ? "" : entry.getOutput().trim();
    if (output.isEmpty()) {
      return "(exit code " + entry.getExitCodeLong() + ", no output)";
    }
    return output.length() > LOG_ENTRY_CHARS ? output.substring(0, LOG_ENTRY_CHARS) : output;
  }

  /** A GET with a hard overall bound; a refused or failed connection is an observation, not an exception. */
  private ProbeResult probe(String service, DeployProperties.Health health, String hostAddress) {
    Duration timeout = health.probeTimeout();
    URI url = URI.create(health.url().replace("{host}", hostAddress));
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    if (health.tokenSecret() != null && !health.tokenSecret().isBlank()) {
      String token = secrets.find(health.tokenSecret()).orElseThrow(() -> new IllegalStateException(
          "secret '" + health.tokenSecret() + "' for the health probe of service '" + service + "' is not set"));
      request.header("Authorization", "Bearer " + token);
    }
    CompletableFuture<HttpResponse<Void>> response =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
    try {
      int status = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
      return new ProbeResult(status, status / 100 == 2 ? null : "HTTP " + status);
    } catch (TimeoutException e) {
      response.cancel(true);
      return new ProbeResult(null, "no response within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new ProbeResult(null, describe(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.cancel(true);
      return new ProbeResult(null, "interrupted");
    }
  }

  private static String describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        String message = cause.getMessage();
        return message == null || message.contains("refused") ? "connection refused" : "connection failed: " + message;
      }
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }

  private record ProbeResult(Integer status, String error) {}
}
