package com.mayorcrew.deploy.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the application may deploy, and where: canary hosts with their Docker endpoints, services with their
 * container configuration. Bound from {@code mcd.*}; every key can be set from the environment
 * (e.g. {@code MCD_HOSTS_LOCAL_DOCKERENDPOINT}).
 */
@ConfigurationProperties("mcd")
public record DeployProperties(
    Map<String, Host> hosts,
    Map<String, Service> services,
    @DefaultValue("./logs/deploys") Path logsDir,
    @DefaultValue Retry retry,
    @DefaultValue Crew crew) {

  public DeployProperties {
    hosts = hosts == null ? Map.of() : Map.copyOf(hosts);
    services = services == null ? Map.of() : Map.copyOf(services);
  }

  public Host host(String name) {
    Host host = hosts.get(name);
    if (host == null) {
      throw new IllegalArgumentException("unknown canary host '" + name + "'; configured: " + hosts.keySet());
    }
    return host;
  }

  public Service service(String name) {
    Service service = services.get(name);
    if (service == null) {
      throw new IllegalArgumentException("unknown service '" + name + "'; configured: " + services.keySet());
    }
    return service;
  }

  /** The configuration a deploy of the service to the environment runs with (see {@link Service#in(String)}). */
  public Service service(String name, String environment) {
    return service(name).in(environment);
  }

  /**
   * A canary host: the Docker endpoint that reaches its daemon and the identity the daemon must report.
   *
   * @param dockerEndpoint unix:///path, tcp://host:port or ssh://user@host[:port][/remote/docker.sock] (the path
   *     is the daemon's socket on the remote host, /var/run/docker.sock when absent)
   * @param tlsVerify for tcp endpoints: verify the daemon's certificate and present ours
   * @param certPath directory with ca.pem, cert.pem and key.pem for tcp with TLS
   * @param sshIdentityFile for ssh endpoints: the private key to log in with (else ssh's own configuration)
   * @param sshKnownHostsFile for ssh endpoints: the known_hosts file holding the host's key (else ssh's own)
   * @param expectedName the daemon's reported name (its host name); blank means "this machine's host name"
   *     for a unix socket and "unclear" for any remote endpoint
   * @param expectedId the daemon's reported ID, when the name is not stable enough
   * @param connectTimeout TCP connect (and ssh login) timeout
   * @param responseTimeout socket read timeout of one HTTP answer over tcp (a unix socket has none)
   * @param callTimeout the total deadline of one Docker step's calls (e.g. ping + version + info); a daemon that
   *     does not answer within it is DOCKER_UNAVAILABLE, its connection is closed and the step's thread freed.
   *     Half of it is the grace period of stopping the previous container.
   * @param pullTimeout the total deadline of an image pull
   * @param address the host name or IP address its services answer on (see {@link #serviceAddress()})
   * @param dockerAccess the ways this host's daemon may be reached, the first being the default of calls that name
   *     none; a request's {@code dockerAccess} must be one of them (see docs/docker-access.md). Default: socket.
   */
  public record Host(
      String dockerEndpoint,
      @DefaultValue("false") boolean tlsVerify,
      Path certPath,
      Path sshIdentityFile,
      Path sshKnownHostsFile,
      String expectedName,
      String expectedId,
      @DefaultValue("3s") Duration connectTimeout,
      @DefaultValue("20s") Duration responseTimeout,
      @DefaultValue("20s") Duration callTimeout,
      @DefaultValue("4m") Duration pullTimeout,
      String address,
      List<DockerAccess> dockerAccess) {

    public Host {
      dockerAccess = dockerAccess == null || dockerAccess.isEmpty() ? List.of(DockerAccess.SOCKET)
          : List.copyOf(dockerAccess);
      if (dockerEndpoint != null && dockerEndpoint.startsWith("tcp:")
          && !dockerAccess.equals(List.of(DockerAccess.SOCKET))) {
        throw new IllegalArgumentException("docker-access " + dockerAccess + " needs a unix or ssh endpoint; a tcp "
            + "endpoint (" + dockerEndpoint + ") is reached as it is: socket");
      }
    }

    /**
     * Where the host's services are reached, for a health probe URL's {@code {host}}: {@code address} when set,
     * else the Docker endpoint's host name (tcp, ssh), else 127.0.0.1 (a local socket).
     */
    public String serviceAddress() {
      if (address != null && !address.isBlank()) {
        return address;
      }
      String endpointHost = dockerEndpoint == null ? null : URI.create(dockerEndpoint).getHost();
      return endpointHost == null ? "127.0.0.1" : endpointHost;
    }
  }

  /**
   * A deployable service and the container it runs as.
   *
   * @param executionMode how the deploy is executed: {@code docker} (through docker-java), {@code workflow}
   *     (a GitHub Actions workflow) or {@code script} (the scripts in deploy/)
   * @param imageRepository the repository the image tag is derived from: {@code <repository>:canary-<sha12>}
   * @param containerName the name of the one container of this service on a host, e.g. gastown-canary
   * @param networkMode Docker network mode (bridge, host, none)
   * @param ports port bindings in Docker's syntax: {@code [ip:]hostPort:containerPort[/proto]}
   * @param mounts bind mounts in Docker's syntax: {@code source:target[:ro]}
   * @param env plain environment variables of the container
   * @param secretEnv container environment variable -> secret name; resolved only when the container is created
   * @param requiredSecrets secret names that must be present before anything runs
   * @param command the container command, when the image's default is not wanted
   * @param restartPolicy Docker restart policy: no, always, unless-stopped, on-failure
   * @param labels extra container labels (the deploy's own labels are always added)
   * @param smokeTest whether the crew's smoke test task is part of a deploy of this service
   * @param environments what differs outside the canary, per environment (e.g. {@code production}): a service
   *     deploys to an environment other than canary only when it is configured here
   */
  public record Service(
      @DefaultValue("docker") ExecutionMode executionMode,
      String imageRepository,
      String containerName,
      @DefaultValue("bridge") String networkMode,
      List<String> ports,
      List<String> mounts,
      Map<String, String> env,
      Map<String, String> secretEnv,
      List<String> requiredSecrets,
      List<String> command,
      @DefaultValue("unless-stopped") String restartPolicy,
      Map<String, String> labels,
      @DefaultValue Health health,
      @DefaultValue("true") boolean smokeTest,
      Map<String, Environment> environments) {

    public Service {
      environments = environments == null ? Map.of() : Map.copyOf(environments);
      environments.forEach((name, environment) -> environment.requireOwnContainer(name, containerName));
      ports = ports == null ? List.of() : List.copyOf(ports);
      mounts = mounts == null ? List.of() : List.copyOf(mounts);
      env = env == null ? Map.of() : Map.copyOf(env);
      secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
      requiredSecrets = requiredSecrets == null ? List.of() : List.copyOf(requiredSecrets);
      command = command == null ? List.of() : List.copyOf(command);
      labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The service as it runs in an environment: the canary is the service itself unless {@code environments}
     * overrides it; any other environment exists only where it is configured, with its own container, so a
     * production deploy never replaces the canary's container.
     *
     * @throws IllegalArgumentException when the environment is not configured for the service
     */
    public Service in(String environment) {
      Environment override = environments.get(environment);
      if (override == null) {
        if (CANARY.equals(environment)) {
          return this;
        }
        throw new IllegalArgumentException("no " + environment + " configuration (environments." + environment + ")");
      }
      return new Service(executionMode, imageRepository, override.or(override.containerName(), containerName),
          networkMode, override.or(override.ports(), ports), mounts, merged(env, override.env()),
          merged(secretEnv, override.secretEnv()), override.or(override.requiredSecrets(), requiredSecrets), command,
          restartPolicy, labels, override.or(override.health(), health), smokeTest, Map.of());
    }

    /** Whether the service may deploy to the environment at all. */
    public boolean deploysTo(String environment) {
      return CANARY.equals(environment) || environments.containsKey(environment);
    }

    /** The hosts the service may deploy to in the environment; empty means every configured host. */
    public List<String> hostsIn(String environment) {
      Environment override = environments.get(environment);
      return override == null ? List.of() : override.hosts();
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> override) {
      Map<String, String> merged = new TreeMap<>(base);
      merged.putAll(override);
      return Map.copyOf(merged);
    }
  }

  /** The environment every service deploys to with its own configuration. */
  public static final String CANARY = "canary";

  /**
   * What differs in one environment of a service; an unset field keeps the service's own value, {@code env} and
   * {@code secretEnv} are merged over the service's.
   *
   * @param hosts the hosts the service may deploy to in this environment; empty: every configured host
   * @param containerName its container's name; required outside the canary, and different from the canary's
   * @param ports port bindings, replacing the service's
   * @param env environment variables added to or replacing the service's
   * @param secretEnv secret environment variables added to or replacing the service's
   * @param requiredSecrets secret names that must be present, replacing the service's
   * @param health how its container is judged healthy, replacing the service's
   */
  public record Environment(
      List<String> hosts,
      String containerName,
      List<String> ports,
      Map<String, String> env,
      Map<String, String> secretEnv,
      List<String> requiredSecrets,
      Health health) {

    public Environment {
      hosts = hosts == null ? List.of() : List.copyOf(hosts);
      env = env == null ? Map.of() : Map.copyOf(env);
      secretEnv = secretEnv == null ? Map.of() : Map.copyOf(secretEnv);
    }

    private <T> T or(T value, T inherited) {
      return value == null ? inherited : value;
    }

    private void requireOwnContainer(String environment, String canaryContainer) {
      if (!CANARY.equals(environment) && (containerName == null || containerName.equals(canaryContainer))) {
        throw new IllegalArgumentException("environments." + environment + ".container-name must be set and differ"
            + " from the canary's container '" + canaryContainer + "'");
      }
    }
  }

  public enum ExecutionMode { DOCKER, WORKFLOW, SCRIPT }

  /**
   * How a host's Docker daemon is reached (the request's {@code dockerAccess}): {@code socket} its endpoint as it
   * is (an ssh endpoint through a forwarded socket), {@code group} the daemon's socket as the (login) user, a member
   * of its group (over ssh: {@code docker system dial-stdio}), {@code sudo} through {@code sudo -n docker system
   * dial-stdio} (over ssh on the remote host, else on this machine).
   */
  public enum DockerAccess {
    SOCKET, GROUP, SUDO;

    /** The request's spelling: sudo, group, socket. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static DockerAccess of(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * How a new container is judged healthy.
   *
   * @param url HTTP probe URL; {@code {host}} stands for the canary host's address
   *     ({@code mcd.hosts.<h>.address}); none means the container's own health check alone decides
   * @param tokenSecret secret name of a bearer token sent with the probe
   * @param timeout how long the container has to become healthy
   * @param pollInterval the wait between two observations (a timer in the model)
   * @param requiredPasses consecutive healthy observations needed
   * @param probeTimeout the HTTP probe's own timeout
   */
  public record Health(
      String url,
      String tokenSecret,
      @DefaultValue("180s") Duration timeout,
      @DefaultValue("2s") Duration pollInterval,
      @DefaultValue("3") int requiredPasses,
      @DefaultValue("2s") Duration probeTimeout) {}

  /**
   * Retry policy of technical faults in async steps, as a Camunda retry time cycle
   * (the upstream failure policy: 3 attempts, backoff 10 s, 20 s, 40 s).
   */
  public record Retry(@DefaultValue("PT10S,PT20S,PT40S") String cycle) {}

  /**
   * Crew assignees are addresses like {@code TerraNomadicCity/crew/Ptilopsis}, which are not valid Camunda user
   * ids. {@code users} maps an address to a user id; an unmapped address maps to its lower-cased name part.
   */
  public record Crew(Map<String, String> users) {
    public Crew {
      users = users == null ? Map.of() : Map.copyOf(users);
    }
  }
}
