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
import com.mayorcrew.deploy.security.SecretStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The Docker side of a deploy: the image, and the one container of a service on a canary host. */
@Component
public class ContainerService {

  public static final String LABEL_DEPLOY_ID = "mcd.deploy-id";
  public static final String LABEL_SERVICE = "mcd.service";
  public static final String LABEL_MANAGED_BY = "mcd.managed-by";
  public static final String MANAGED_BY = "mayor-crew-deploy";

  private static final Duration PULL_TIMEOUT = Duration.ofMinutes(5);
  // containers run with an init process, so SIGTERM works; a short grace period keeps a deploy moving
  private static final int STOP_TIMEOUT_SECONDS = 10;
  private static final Logger log = LoggerFactory.getLogger(ContainerService.class);

  private final DockerClients clients;
  private final DeployProperties properties;
  private final SecretStore secrets;

  public ContainerService(DockerClients clients, DeployProperties properties, SecretStore secrets) {
    this.clients = clients;
    this.properties = properties;
    this.secrets = secrets;
  }

  /** The image reference of the service's container (running or not); empty when there is none. */
  public Optional<String> currentImage(String host, String service) {
    String name = properties.service(service).containerName();
    return clients.execute(host, docker -> inspect(docker, name).map(c -> c.getConfig().getImage()));
  }

  /** Pulls the image unless the host already has it. */
  public void ensureImage(String host, String image) {
    clients.execute(host, docker -> {
      try {
        docker.inspectImageCmd(image).exec();
        return null;
      } catch (NotFoundException absent) {
        pull(docker, host, image);
        return null;
      }
    });
  }

  private static void pull(DockerClient docker, String host, String image) {
    log.info("pulling image {} on host '{}'", image, host);
    PullImageResultCallback callback = new PullImageResultCallback();
    try {
      docker.pullImageCmd(repository(image)).withTag(tag(image)).exec(callback);
      if (!callback.awaitCompletion(PULL_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
        throw new ImageUnavailableException("pull of image " + image + " on host '" + host
            + "' did not finish within " + PULL_TIMEOUT.toMinutes() + " min");
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
   */
  public ContainerRef replaceContainer(
      String host, String service, String image, String deployId, Map<String, String> extraLabels) {
    DeployProperties.Service spec = properties.service(service);
    return clients.execute(host, docker -> {
      Optional<Container> existing = byDeployId(docker, deployId).stream().findFirst();
      if (existing.isPresent()) {
        Container container = existing.get();
        if (!"running".equals(container.getState())) {
          log.info("starting existing container {} of deploy {} on host '{}'", container.getId(), deployId, host);
          startIfNeeded(docker, container.getId());
        }
        return toRef(docker.inspectContainerCmd(container.getId()).exec());
      }
      // everything that can fail on configuration (secrets, port syntax) is checked before the old container goes
      CreateContainerCmd create = createCommand(docker, spec, service, image, deployId, extraLabels);
      removeExisting(docker, spec.containerName());
      String id = create.exec().getId();
      docker.startContainerCmd(id).exec();
      ContainerRef ref = toRef(docker.inspectContainerCmd(id).exec());
      log.info("started container {} ({}) from {} for deploy {} on host '{}'", ref.name(), id, image, deployId, host);
      return ref;
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

  private static void removeExisting(DockerClient docker, String name) {
    if (inspect(docker, name).isEmpty()) {
      return;
    }
    try {
      docker.stopContainerCmd(name).withTimeout(STOP_TIMEOUT_SECONDS).exec();
    } catch (NotModifiedException alreadyStopped) {
      // nothing to stop
    } catch (NotFoundException gone) {
      return;
    }
    removeQuietly(docker, name);
  }

  private static void startIfNeeded(DockerClient docker, String id) {
    try {
      docker.startContainerCmd(id).exec();
    } catch (NotModifiedException alreadyRunning) {
      // started in the meantime
    }
  }

  /** Force-removes a container; one that does not exist counts as removed. */
  public void removeContainer(String host, String containerIdOrName) {
    clients.execute(host, docker -> {
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

  /** The containers (running or not) labelled with a deploy id, oldest first. */
  public List<ContainerRef> containersOf(String host, String deployId) {
    return clients.execute(host, docker -> byDeployId(docker, deployId).stream()
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
