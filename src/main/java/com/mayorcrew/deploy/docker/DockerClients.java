package com.mayorcrew.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.mayorcrew.deploy.config.DeployProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One docker-java client per configured canary host, created on first use and closed on shutdown.
 * Endpoints: {@code unix:///path}, {@code tcp://host:port} (TLS when the host sets tlsVerify) and
 * {@code ssh://user@host[:port][/remote/socket]} (through an {@link SshTunnel} to the remote Docker socket).
 */
@Component
public class DockerClients {

  static final String ACCEPTED_FORMS = "unix:///path, tcp://host:port or ssh://user@host[:port][/remote/socket]";
  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");
  private static final Logger log = LoggerFactory.getLogger(DockerClients.class);

  private final DeployProperties properties;
  private final ConcurrentMap<String, Connection> connections = new ConcurrentHashMap<>();

  public DockerClients(DeployProperties properties) {
    this.properties = properties;
  }

  /** The cached client of a host; an ssh tunnel that died is reopened. */
  public DockerClient forHost(String hostName) {
    return connections.compute(hostName, (name, cached) -> {
      if (cached != null && cached.isUsable()) {
        return cached;
      }
      if (cached != null) {
        log.warn("ssh tunnel of host '{}' is gone; reopening it", name);
        cached.close();
      }
      return connect(name);
    }).client();
  }

  /**
   * Runs a call against a host's daemon and turns "cannot reach or refused" failures into
   * {@link DockerUnavailableException}; every other failure passes through unchanged.
   */
  public <T> T execute(String hostName, Function<DockerClient, T> call) {
    DockerClient client = forHost(hostName);
    try {
      return call.apply(client);
    } catch (DockerUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      Optional<String> reason = unreachableReason(e);
      if (reason.isPresent()) {
        throw new DockerUnavailableException(hostName, endpoint(hostName), reason.get(), e);
      }
      throw e;
    }
  }

  /** Why a failure means the daemon cannot be reached or refuses us; empty for any other failure. */
  static Optional<String> unreachableReason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof DockerException docker
          && (docker.getHttpStatus() == 401 || docker.getHttpStatus() == 403)) {
        return Optional.of("refused with HTTP " + docker.getHttpStatus() + ": " + oneLine(docker.getMessage()));
      }
      if (cause instanceof IOException io) {
        return Optional.of(describe(io));
      }
    }
    return Optional.empty();
  }

  private static String describe(IOException io) {
    String message = oneLine(String.valueOf(io.getMessage()));
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("refused")) {
      return "connection refused";
    }
    if (lower.contains("no such file")) {
      return "socket missing";
    }
    if (lower.contains("permission denied")) {
      return "permission denied";
    }
    if (io instanceof InterruptedIOException || lower.contains("timed out") || lower.contains("timeout")) {
      return "timeout (" + message + ")";
    }
    return io.getClass().getSimpleName() + ": " + message;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  String endpoint(String hostName) {
    return properties.host(hostName).dockerEndpoint();
  }

  private Connection connect(String hostName) {
    DeployProperties.Host host = properties.host(hostName);
    URI endpoint = parseEndpoint(hostName, host.dockerEndpoint());
    SshTunnel tunnel = null;
    String dockerHost = host.dockerEndpoint();
    boolean tls = false;
    switch (endpoint.getScheme()) {
      case "unix" -> { }
      case "tcp" -> tls = host.tlsVerify();
      case "ssh" -> {
        try {
          tunnel = SshTunnel.open(endpoint, host.connectTimeout(), host.sshIdentityFile(), host.sshKnownHostsFile());
        } catch (IOException e) {
          throw new DockerUnavailableException(hostName, host.dockerEndpoint(), e.getMessage(), e);
        }
        dockerHost = tunnel.dockerHost();
      }
      default -> throw new IllegalArgumentException(unsupported(hostName, host.dockerEndpoint()));
    }
    DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        // unversioned API paths: the daemon answers with its own version (a pinned newer one is rejected)
        .withApiVersion(RemoteApiVersion.UNKNOWN_VERSION)
        .withDockerTlsVerify(tls);
    if (tls) {
      config.withDockerCertPath(certPath(hostName, host).toString());
    }
    DockerClientConfig built = config.build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(built.getDockerHost())
        .sslConfig(built.getSSLConfig())
        .connectionTimeout(host.connectTimeout())
        .responseTimeout(host.responseTimeout())
        .build();
    log.info("Docker client for host '{}' at {}", hostName, host.dockerEndpoint());
    return new Connection(DockerClientImpl.getInstance(built, http), tunnel);
  }

  private static URI parseEndpoint(String hostName, String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException(unsupported(hostName, endpoint));
    }
    try {
      URI uri = URI.create(endpoint.trim());
      if (uri.getScheme() == null) {
        throw new IllegalArgumentException(unsupported(hostName, endpoint));
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(unsupported(hostName, endpoint), e);
    }
  }

  private static String unsupported(String hostName, String endpoint) {
    return "host '" + hostName + "': unsupported Docker endpoint '" + endpoint + "'; use " + ACCEPTED_FORMS;
  }

  private static Path certPath(String hostName, DeployProperties.Host host) {
    Path dir = host.certPath();
    if (dir == null || !TLS_FILES.stream().allMatch(file -> Files.isReadable(dir.resolve(file)))) {
      throw new IllegalArgumentException(
          "host '" + hostName + "': tlsVerify needs a certPath with " + String.join(", ", TLS_FILES)
              + " (certPath: " + dir + ")");
    }
    return dir;
  }

  @PreDestroy
  public void close() {
    connections.values().forEach(Connection::close);
    connections.clear();
  }

  private record Connection(DockerClient client, SshTunnel tunnel) {

    boolean isUsable() {
      return tunnel == null || tunnel.isAlive();
    }

    void close() {
      try {
        client.close();
      } catch (IOException e) {
        log.warn("closing a Docker client failed: {}", e.getMessage());
      }
      if (tunnel != null) {
        tunnel.close();
      }
    }
  }
}
