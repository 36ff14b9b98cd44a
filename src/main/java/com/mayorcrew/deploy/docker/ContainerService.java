package com.mayorcrew.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.DeployProperties.DockerAccess;
import com.mayorcrew.deploy.config.SecretStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The Docker side of a deploy: the image, and the one container of a service on a canary host. The daemon is
 * the truth: a deploy's containers are found by their {@value #LABEL_DEPLOY_ID} label, never by a remembered id,
 * so every operation here is right after a crash, an interruption or a retry, and converges when run again.
 *
 * <p>Replacing keeps the service's previous container: it is stopped and set aside under the name
 * {@code <container-name>}{@value #SET_ASIDE_SUFFIX} until the new one runs, then removed. When the new one
 * cannot be created or started, it is removed and the previous one is put back under its name and started.
 */
@Component
public class ContainerService {

  public static final String LABEL_DEPLOY_ID = "mcd.deploy-id";
  public static final String LABEL_SERVICE = "mcd.service";
  public static final String LABEL_MANAGED_BY = "mcd.managed-by";
  public static final String MANAGED_BY = "mayor-crew-deploy";
  /** The name suffix of a previous container set aside while its replacement is created and started. */
  public static final String SET_ASIDE_SUFFIX = ".previous";

  private static final Logger log = LoggerFactory.getLogger(ContainerService.class);

  private final DockerClients clients;
  private final DeployProperties properties;
  private final SecretStore secrets;
  /** How the daemons are reached; null: each host's default. */
  private final DockerAccess access;

  @Autowired
  public ContainerService(DockerClients clients, DeployProperties properties, SecretStore secrets) {
    this(clients, properties, secrets, null);
  }

  private ContainerService(DockerClients clients, DeployProperties properties, SecretStore secrets,
      DockerAccess access) {
    this.clients = clients;
    this.properties = properties;
    this.secrets = secrets;
    this.access = access;
  }

  /** The same service, reaching the daemons through {@code access}. */
  public ContainerService via(DockerAccess access) {
    return new ContainerService(clients, properties, secrets, access);
  }

  /**
   * The service's container (running or not), or its previous container when an interrupted replacement left that
   * set aside; empty when there is neither.
   */
  public Optional<ContainerRef> currentContainer(String host, String service, String environment) {
    String name = properties.service(service, environment).containerName();
    return clients.execute(host, access, docker -> inspect(docker, name).or(() -> inspect(docker, setAsideName(name)))
        .map(ContainerService::toRef));
  }

  /** Pulls the image unless the host already has it; the pull has the host's pull-timeout. */
  public void ensureImage(String host, String image) {
    boolean present = clients.execute(host, access, docker -> {
      try {
        docker.inspectImageCmd(image).exec();
        return true;
      } catch (NotFoundException absent) {
        return false;
      }
    });
    if (!present) {
      Duration pullTimeout = properties.host(host).pullTimeout();
      // the pull's own wait ends first; the call's deadline is the guard against a daemon that stops answering
      clients.execute(host, access, pullTimeout.plus(properties.host(host).callTimeout()), docker -> {
        pull(docker, host, image, pullTimeout);
        return null;
      });
    }
  }

  private static void pull(DockerClient docker, String host, String image, Duration timeout) {
    log.info("pulling image {} on host '{}'", image, host);
    PullImageResultCallback callback = new PullImageResultCallback();
    try {
      docker.pullImageCmd(repository(image)).withTag(tag(image)).exec(callback);
      if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ImageUnavailableException("pull of image " + image + " on host '" + host
            + "' did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pulling image " + image, e);
    } catch (ImageUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      if (DockerClients.unreachableReason(e).isPresent()) {
        throw e;
      }
      throw new ImageUnavailableException(
          "image " + image + " is not on host '" + host + "' and cannot be pulled: " + e.getMessage(), e);
    } finally {
      closeQuietly(callback);
    }
  }

  private static void closeQuietly(PullImageResultCallback callback) {
    try {
      callback.close();
    } catch (IOException e) {
      log.debug("closing a pull stream failed: {}", e.getMessage());
    }
  }

  /** The repository part of an image reference; a registry port ("host:5000/app") is not a tag. */
  static String repository(String image) {
    int digest = image.indexOf('@');
    if (digest >= 0) {
      return image.substring(0, digest);
    }
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
  }

  /** The tag or digest of an image reference; "latest" when it has neither, as the docker CLI does. */
  static String tag(String image) {
    int digest = image.indexOf('@');
    if (digest >= 0) {
      return image.substring(digest + 1);
    }
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "latest";
  }

  /**
   * Runs the service from {@code image} as its one container, idempotently by deploy id: a container of this
   * deploy that exists already is reused (and started if needed), so a retried step never makes a second one.
   * The previous container is set aside until the new one runs, and put back when it cannot be created or
   * started (the failure is then thrown). Bounded by the host's call-timeout, half of which is the previous
   * container's stop grace period.
   */
  public ContainerRef replaceContainer(
      String host, String service, String environment, String image, String deployId, Map<String, String> extraLabels) {
    DeployProperties.Service spec = properties.service(service, environment);
    String name = spec.containerName();
    Duration callTimeout = properties.host(host).callTimeout();
    // containers run with an init process, so SIGTERM works: half the deadline is grace enough
    int stopGraceSeconds = (int) Math.max(1, callTimeout.toSeconds() / 2);
    return clients.execute(host, access, callTimeout, docker -> {
      Optional<Container> existing = byDeployId(docker, deployId).stream().findFirst();
      String id;
      if (existing.isPresent()) {
        id = existing.get().getId();
        log.info("container {} of deploy {} exists on host '{}' ({})", id, deployId, host, existing.get().getState());
      } else {
        // everything that can fail on configuration (secrets, port syntax) is checked before the old container goes
        CreateContainerCmd create = createCommand(docker, spec, service, image, deployId, extraLabels);
        setAside(docker, name, stopGraceSeconds);
        try {
          id = create.exec().getId();
        } catch (RuntimeException e) {
          putBack(docker, name, e);
          throw e;
        }
      }
      try {
        startIfNeeded(docker, id);
      } catch (RuntimeException e) {
        removeQuietly(docker, id);
        putBack(docker, name, e);
        throw e;
      }
      // the new container runs: the previous one has served its purpose
      removeQuietly(docker, setAsideName(name));
      ContainerRef ref = toRef(docker.inspectContainerCmd(id).exec());
      log.info("container {} ({}) runs {} for deploy {} on host '{}'", ref.name(), id, ref.image(), deployId, host);
      return ref;
    });
  }

  static String setAsideName(String containerName) {
    return containerName + SET_ASIDE_SUFFIX;
  }

  /**
   * Stops the container running under {@code name} and renames it to its set-aside name. Without one (a first
   * deploy, or an interrupted replacement that set it aside already) nothing changes; a set-aside container left
   * by an earlier replacement that got as far as a new running container is stale and removed.
   */
  private static void setAside(DockerClient docker, String name, int stopGraceSeconds) {
    Optional<InspectContainerResponse> current = inspect(docker, name);
    if (current.isEmpty()) {
      return;
    }
    removeQuietly(docker, setAsideName(name));
    try {
      docker.stopContainerCmd(current.get().getId()).withTimeout(stopGraceSeconds).exec();
    } catch (NotModifiedException alreadyStopped) {
      // nothing to stop
    }
    docker.renameContainerCmd(current.get().getId()).withName(setAsideName(name)).exec();
  }

  /**
   * Puts the set-aside container back under its name and starts it, after its replacement failed. A failure to
   * do so is added to the replacement's failure: the container stays set aside, and the next replace, rollback
   * or clean-up of the deploy finds it there.
   */
  private static void putBack(DockerClient docker, String name, RuntimeException replacementFailure) {
    try {
      restoreSetAside(docker, name);
    } catch (RuntimeException e) {
      replacementFailure.addSuppressed(e);
    }
  }

  /** Renames the set-aside container, if there is one, back to {@code name} and starts it. */
  private static void restoreSetAside(DockerClient docker, String name) {
    inspect(docker, setAsideName(name)).ifPresent(setAside -> {
      docker.renameContainerCmd(setAside.getId()).withName(name).exec();
      startIfNeeded(docker, setAside.getId());
      log.warn("previous container {} ({}) put back and started", name, setAside.getId());
    });
  }

  private CreateContainerCmd createCommand(DockerClient docker, DeployProperties.Service spec, String service,
      String image, String deployId, Map<String, String> extraLabels) {
    Map<String, String> env = environment(spec, service);
    List<PortBinding> ports = spec.ports().stream().map(PortBinding::parse).toList();
    HostConfig hostConfig = HostConfig.newHostConfig()
        .withNetworkMode(spec.networkMode())
        .withPortBindings(new Ports(ports.toArray(PortBinding[]::new)))
        .withBinds(spec.mounts().stream().map(Bind::parse).toList())
        .withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()))
        // an init process forwards SIGTERM, so a stop does not wait out the whole grace period
        .withInit(true);
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    if (extraLabels != null) {
      labels.putAll(extraLabels);
    }
    labels.put(LABEL_DEPLOY_ID, deployId);
    labels.put(LABEL_SERVICE, service);
    labels.put(LABEL_MANAGED_BY, MANAGED_BY);
    log.info("container {} of service '{}': image {}, env names {}", spec.containerName(), service, image,
        env.keySet());
    CreateContainerCmd create = docker.createContainerCmd(image)
        .withName(spec.containerName())
        .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withLabels(labels)
        .withExposedPorts(ports.stream().map(PortBinding::getExposedPort).toArray(ExposedPort[]::new))
        .withHostConfig(hostConfig);
    if (!spec.command().isEmpty()) {
      create.withCmd(spec.command());
    }
    return create;
  }

  /** Plain env plus secret values, read now and only handed to Docker. */
  private Map<String, String> environment(DeployProperties.Service spec, String service) {
    Map<String, String> env = new TreeMap<>(spec.env());
    spec.secretEnv().forEach((variable, secret) -> env.put(variable, secrets.find(secret).orElseThrow(
        () -> new IllegalStateException(
            "secret '" + secret + "' for " + variable + " of service '" + service + "' is not set"))));
    return env;
  }

  private static void startIfNeeded(DockerClient docker, String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // nothing to start
    }
  }

  /** Force-removes a container; one that does not exist counts as removed. */
  public void removeContainer(String host, String containerIdOrName) {
    clients.execute(host, access, docker -> {
      removeQuietly(docker, containerIdOrName);
      return null;
    });
  }

  private static void removeQuietly(DockerClient docker, String containerIdOrName) {
    try {
      docker.removeContainerCmd(containerIdOrName).withForce(true).exec();
    } catch (NotFoundException gone) {
      // already removed
    }
  }

  /**
   * Undoes what a deploy left on the host: removes its containers (found by label) and, when an interrupted
   * replacement left the service's previous container set aside and nothing runs under the service's name,
   * puts that one back and starts it.
   */
  public void removeDeployContainers(String host, String service, String environment, String deployId) {
    String name = properties.service(service, environment).containerName();
    clients.execute(host, access, docker -> {
      byDeployId(docker, deployId).forEach(container -> removeQuietly(docker, container.getId()));
      if (inspect(docker, name).isEmpty()) {
        restoreSetAside(docker, name);
      }
      return null;
    });
  }

  /**
   * Whether the host holds anything a deploy may have changed: a container labelled with one of the deploy ids,
   * or the service's previous container set aside by an interrupted replacement.
   */
  public boolean changedBy(String host, String service, String environment, String... deployIds) {
    String setAside = setAsideName(properties.service(service, environment).containerName());
    return clients.execute(host, access, docker -> inspect(docker, setAside).isPresent()
        || Arrays.stream(deployIds).anyMatch(deployId -> !byDeployId(docker, deployId).isEmpty()));
  }

  /** The containers (running or not) labelled with a deploy id, oldest first. */
  public List<ContainerRef> containersOf(String host, String deployId) {
    return clients.execute(host, access, docker -> byDeployId(docker, deployId).stream()
        .map(c -> new ContainerRef(c.getId(), stripSlash(c.getNames()[0]), c.getImage(),
            Instant.ofEpochSecond(c.getCreated())))
        .toList());
  }

  private static List<Container> byDeployId(DockerClient docker, String deployId) {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(LABEL_DEPLOY_ID, deployId))
        .exec().stream()
        .sorted(Comparator.comparing(Container::getCreated))
        .toList();
  }

  private static Optional<InspectContainerResponse> inspect(DockerClient docker, String idOrName) {
    try {
      return Optional.of(docker.inspectContainerCmd(idOrName).exec());
    } catch (NotFoundException absent) {
      return Optional.empty();
    }
  }

  private static ContainerRef toRef(InspectContainerResponse container) {
    return new ContainerRef(container.getId(), stripSlash(container.getName()), container.getConfig().getImage(),
        Instant.parse(container.getCreated()));
  }

  private static String stripSlash(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }
}
