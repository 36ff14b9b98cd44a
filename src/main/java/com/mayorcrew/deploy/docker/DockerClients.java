package com.mayorcrew.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.DeployProperties.DockerAccess;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * One docker-java client per configured canary host and access method ({@link DockerAccess}), created on first use
 * and closed on shutdown. Endpoints: {@code unix:///path}, {@code tcp://host:port} (TLS when the host sets
 * tlsVerify) and {@code ssh://user@host[:port][/remote/socket]}. Access socket talks to the endpoint as it is (an ssh
 * endpoint through an {@link SshTunnel} to the remote Docker socket); group and sudo over ssh, and sudo on a local
 * socket, go through a {@link DialStdioProxy} ({@code [sudo -n] docker system dial-stdio}, as the Docker CLI does).
 * A call that names no access uses the host's first ({@code mcd.hosts.<h>.docker-access}).
 *
 * <p>Every call has a total deadline, the host's call-timeout unless a call names its own. A daemon that accepts
 * the connection and never answers (frozen, overloaded) would otherwise hold the caller forever: on a unix
 * socket docker-java reads through a blocking channel that no socket timeout reaches. So calls run on a small
 * pool of worker threads; the caller waits at most the deadline, then interrupts the worker (which closes a unix
 * channel), closes the host's connection (which ends a tcp read) and throws {@link DockerUnavailableException}
 * naming the request left unanswered. The next call connects afresh.
 */
@Component
public class DockerClients {

  static final String ACCEPTED_FORMS = "unix:///path, tcp://host:port or ssh://user@host[:port][/remote/socket]";
  /**
   * Calls running at once over all hosts. Beyond it a call is refused as unavailable rather than queued: only
   * daemons that do not answer fill the pool (deploys hold one host each, and a step makes one call at a time).
   */
  static final int MAX_CALLS_IN_FLIGHT = 32;
  private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");
  private static final int MAX_REQUEST_CHARS = 200;
  private static final Logger log = LoggerFactory.getLogger(DockerClients.class);
  /** The call a worker thread (or a stream thread it started, e.g. of a pull) runs, for the evidence. */
  private static final InheritableThreadLocal<Call> CURRENT = new InheritableThreadLocal<>();

  private final DeployProperties properties;
  private final ConcurrentMap<Key, Connection> connections = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor workers;

  public DockerClients(DeployProperties properties) {
    this.properties = properties;
    AtomicInteger threads = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(0, MAX_CALLS_IN_FLIGHT, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        task -> {
          Thread thread = new Thread(task, "docker-call-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The cached client of a host (its default access); a transport that died is reopened. No deadline. */
  public DockerClient forHost(String hostName) {
    return connection(key(hostName, null)).client();
  }

  /** The host and the access a call uses: {@code access}, else the host's default. */
  private Key key(String hostName, DockerAccess access) {
    DeployProperties.Host host = properties.host(hostName);
    DockerAccess chosen = access == null ? host.dockerAccess().get(0) : access;
    if (!host.dockerAccess().contains(chosen)) {
      throw new IllegalArgumentException("host '" + hostName + "' does not offer docker access " + chosen.value()
          + "; it offers " + host.dockerAccess().stream().map(DockerAccess::value).toList()
          + " (mcd.hosts." + hostName + ".docker-access)");
    }
    return new Key(hostName, chosen);
  }

  private Connection connection(Key key) {
    return connections.compute(key, (name, cached) -> {
      if (cached != null && cached.isUsable()) {
        return cached;
      }
      if (cached != null) {
        log.warn("the transport of host '{}' ({}) is gone; reopening it", key.host(), key.access().value());
        cached.close();
      }
      return connect(key, properties.host(key.host()).responseTimeout());
    });
  }

  /**
   * Warms the Docker clients before the first deploy needs them: per daemon (hosts with the same endpoint share
   * one), the client of the host's default access is created and the read-only calls of a deploy run once (ping,
   * version, info, a container's and its image's inspect), so their classes are loaded and their code has run.
   * Best effort within {@code budget}: a daemon that fails or does not answer in time is left for the first deploy.
   *
   * @return the hosts whose daemon answered, by name
   */
  public List<String> warmUp(Duration budget) {
    long giveUp = System.nanoTime() + budget.toNanos();
    Map<String, Boolean> answeredByEndpoint = new HashMap<>();
    List<String> answering = new ArrayList<>();
    for (String hostName : new TreeSet<>(properties.hosts().keySet())) {
      String endpoint = String.valueOf(properties.host(hostName).dockerEndpoint()).trim();
      Boolean answered = answeredByEndpoint.get(endpoint);
      if (answered == null) {
        long left = giveUp - System.nanoTime();
        if (left <= 0) {
          break;
        }
        answered = warmUp(hostName, Duration.ofNanos(Math.min(left, properties.host(hostName).callTimeout().toNanos())));
        answeredByEndpoint.put(endpoint, answered);
      }
      if (answered) {
        answering.add(hostName);
      }
    }
    return answering;
  }

  private boolean warmUp(String hostName, Duration deadline) {
    try {
      execute(hostName, null, deadline, docker -> {
        docker.pingCmd().exec();
        docker.versionCmd().exec();
        docker.infoCmd().exec();
        docker.listContainersCmd().withLimit(1).exec().stream().findFirst().ifPresent(container -> {
          docker.inspectContainerCmd(container.getId()).exec();
          docker.inspectImageCmd(container.getImageId()).exec();
        });
        return null;
      });
      return true;
    } catch (RuntimeException e) {
      log.debug("warming the Docker client of host '{}' failed: {}", hostName, e.toString());
      return false;
    }
  }

  /**
   * A client of its own (the host's default access) for one long-lived stream, e.g. the daemon's events: no
   * response timeout (a quiet stream is not a stuck call) and not shared with calls, so closing it ends only the
   * stream. Close it to free its transport.
   */
  public StreamClient openStream(String hostName) {
    Connection connection = connect(key(hostName, null), Duration.ZERO);
    return new StreamClient(connection.client(), connection::close);
  }

  /** A dedicated client for one stream; {@link #close()} closes its connection (and transport). */
  public record StreamClient(DockerClient client, Runnable closer) implements AutoCloseable {
    @Override
    public void close() {
      closer.run();
    }
  }

  /** A call through {@code access} (null: the host's default) within the host's call-timeout. */
  public <T> T execute(String hostName, DockerAccess access, Function<DockerClient, T> call) {
    return execute(hostName, access, properties.host(hostName).callTimeout(), call);
  }

  /**
   * Runs a call against a host's daemon through {@code access} (null: the host's default) within {@code deadline}
   * and turns "cannot reach, refused or no answer" failures into {@link DockerUnavailableException}; every other
   * failure passes through unchanged.
   */
  public <T> T execute(String hostName, DockerAccess access, Duration deadline, Function<DockerClient, T> call) {
    Key key = key(hostName, access);
    String endpoint = endpoint(key);
    Call running = new Call();
    // The caller's logging context (the deploy and step running it) goes with the call to the worker thread.
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Future<T> result;
    try {
      result = workers.submit(() -> {
        if (logContext != null) {
          MDC.setContextMap(logContext);
        }
        try {
          return running.run(() -> call.apply(running.use(connection(key)).client()));
        } finally {
          MDC.clear();
        }
      });
    } catch (RejectedExecutionException e) {
      throw new DockerUnavailableException(hostName, endpoint,
          MAX_CALLS_IN_FLIGHT + " Docker calls are already waiting for answers", e);
    }
    try {
      return result.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      running.connection().ifPresent(connection -> discard(key, connection));
      throw running.timedOut(hostName, endpoint, deadline);
    } catch (ExecutionException e) {
      if (running.connection().filter(Connection::abandoned).isPresent()) {
        throw new DockerUnavailableException(hostName, endpoint,
            "connection closed: another call to this daemon got no answer within its deadline", e.getCause());
      }
      Optional<String> helperSaid = running.helperFailure()
          .filter(said -> unreachableReason(e.getCause()).isPresent());
      if (helperSaid.isPresent()) {
        throw new DockerUnavailableException(hostName, endpoint, helperSaid.get(), e.getCause());
      }
      throw unavailableOrAsIs(hostName, endpoint, e.getCause());
    } catch (InterruptedException e) {
      result.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Docker daemon of host '" + hostName + "'", e);
    }
  }

  private static RuntimeException unavailableOrAsIs(String hostName, String endpoint, Throwable failure) {
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof DockerUnavailableException unavailable) {
      return unavailable;
    }
    Optional<String> reason = unreachableReason(failure);
    if (reason.isPresent()) {
      return new DockerUnavailableException(hostName, endpoint, reason.get(), failure);
    }
    return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
  }

  /** Closes a connection that left a call unanswered, so the next call connects afresh. */
  private void discard(Key key, Connection connection) {
    connections.remove(key, connection);
    connection.abandon();
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

  /** The endpoint as the evidence names it: with the access when it is not the endpoint as it is. */
  private String endpoint(Key key) {
    String endpoint = properties.host(key.host()).dockerEndpoint();
    return key.access() == DockerAccess.SOCKET ? endpoint : endpoint + " via " + key.access().value();
  }

  /** A new connection to a host's daemon; a zero response timeout waits for an answer as long as it takes. */
  private Connection connect(Key key, Duration responseTimeout) {
    String hostName = key.host();
    DeployProperties.Host host = properties.host(hostName);
    URI endpoint = parseEndpoint(hostName, host.dockerEndpoint());
    LocalSocketTransport transport;
    try {
      transport = transport(hostName, host, endpoint, key.access());
    } catch (IOException e) {
      throw new DockerUnavailableException(hostName, endpoint(key), e.getMessage(), e);
    }
    String dockerHost = transport == null ? host.dockerEndpoint() : transport.dockerHost();
    boolean tls = endpoint.getScheme().equals("tcp") && host.tlsVerify();
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
        .responseTimeout(responseTimeout)
        .build();
    log.info("Docker client for host '{}' at {}", hostName, endpoint(key));
    return new Connection(DockerClientImpl.getInstance(built, new RecordingHttpClient(http)), transport);
  }

  /** The local socket that carries the access to the endpoint; null when docker-java talks to it directly. */
  private static LocalSocketTransport transport(String hostName, DeployProperties.Host host, URI endpoint,
      DockerAccess access) throws IOException {
    return switch (endpoint.getScheme()) {
      // group: this process's user is in the socket's group, as for socket
      case "unix" -> access == DockerAccess.SUDO
          ? DialStdioProxy.open(DialStdioProxy.localSudoCommand(endpoint.getPath())) : null;
      case "tcp" -> null;
      case "ssh" -> access == DockerAccess.SOCKET
          ? SshTunnel.open(endpoint, host.connectTimeout(), host.sshIdentityFile(), host.sshKnownHostsFile())
          : DialStdioProxy.open(DialStdioProxy.sshCommand(endpoint, access == DockerAccess.SUDO,
              host.connectTimeout(), host.sshIdentityFile(), host.sshKnownHostsFile()));
      default -> throw new IllegalArgumentException(unsupported(hostName, host.dockerEndpoint()));
    };
  }

  private record Key(String host, DockerAccess access) {}

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
    workers.shutdownNow();
    connections.values().forEach(Connection::close);
    connections.clear();
  }

  /** One call on a worker thread: the connection it uses and the request it last sent, for the evidence. */
  private static final class Call {

    private final long started = System.nanoTime();
    private volatile Connection connection;
    private volatile Sent last;

    private record Sent(String request, long at) {}

    <T> T run(Supplier<T> body) {
      CURRENT.set(this);
      try {
        return body.get();
      } finally {
        CURRENT.remove();
      }
    }

    Connection use(Connection connection) {
      this.connection = connection;
      return connection;
    }

    Optional<Connection> connection() {
      return Optional.ofNullable(connection);
    }

    /** What a dial-stdio helper said when it failed to carry one of this call's connections. */
    Optional<String> helperFailure() {
      return connection().flatMap(used -> used.failureSince(started));
    }

    void sent(DockerHttpClient.Request sent) {
      String line = sent.method() + " " + sent.path();
      last = new Sent(line.length() <= MAX_REQUEST_CHARS ? line : line.substring(0, MAX_REQUEST_CHARS) + "...",
          System.nanoTime());
    }

    DockerUnavailableException timedOut(String hostName, String endpoint, Duration deadline) {
      long now = System.nanoTime();
      Sent sent = last;
      String unanswered = sent == null ? "no request sent yet (connecting)"
          : sent.request() + " unanswered for " + seconds(now - sent.at());
      return new DockerUnavailableException(hostName, endpoint,
          "timeout: no answer within " + seconds(deadline.toNanos()) + " (" + unanswered + ")",
          "call: " + unanswered + "\nendpoint: " + endpoint + " (host '" + hostName + "')\nwaited: "
              + seconds(now - started) + " of a " + seconds(deadline.toNanos()) + " deadline", null);
    }

    private static String seconds(long nanos) {
      return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
  }

  /** Notes each request of the current call before sending it. */
  private static final class RecordingHttpClient implements DockerHttpClient {

    private final DockerHttpClient delegate;

    RecordingHttpClient(DockerHttpClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public Response execute(Request request) {
      Call call = CURRENT.get();
      if (call != null) {
        call.sent(request);
      }
      return delegate.execute(request);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }

  private static final class Connection {

    private final DockerClient client;
    private final LocalSocketTransport transport;
    /** Closed because a call on it got no answer in time: the other calls on it fail for the same reason. */
    private volatile boolean abandoned;

    Connection(DockerClient client, LocalSocketTransport transport) {
      this.client = client;
      this.transport = transport;
    }

    DockerClient client() {
      return client;
    }

    boolean isUsable() {
      return transport == null || transport.isAlive();
    }

    Optional<String> failureSince(long sinceNanos) {
      return transport == null ? Optional.empty() : transport.failureSince(sinceNanos);
    }

    boolean abandoned() {
      return abandoned;
    }

    void abandon() {
      abandoned = true;
      close();
    }

    void close() {
      try {
        client.close();
      } catch (IOException e) {
        log.warn("closing a Docker client failed: {}", e.getMessage());
      }
      if (transport != null) {
        transport.close();
      }
    }
  }
}
