package com.mayorcrew.deploy.docker;

import static com.mayorcrew.deploy.docker.DockerEngineFixture.HEALTHY;
import static com.mayorcrew.deploy.docker.DockerEngineFixture.HEALTHY_V1;
import static com.mayorcrew.deploy.docker.DockerEngineFixture.HEALTHY_V2;
import static com.mayorcrew.deploy.docker.DockerEngineFixture.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.mayorcrew.deploy.config.DeployProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Docker side of a deploy against the real test engine. */
class ContainerServiceTest {

  private static final String SERVICE = "app";
  private static final String SECRET_NAME = "MCD_ITD_APP_TOKEN";
  private static final String SECRET_VALUE = "itd-s3cret-value";

  private final List<String> containerNames = new ArrayList<>();
  private DockerClients clients;
  private ContainerService lastService;

  @TempDir Path tempDir;

  @AfterEach
  void removeContainers() {
    if (lastService != null) {
      containerNames.forEach(name -> lastService.removeContainer(LOCAL, name));
      clients.close();
    }
  }

  private ContainerService containerService(DeployProperties.Service spec) {
    return containerService(spec, Map.of(SECRET_NAME, SECRET_VALUE));
  }

  private ContainerService containerService(DeployProperties.Service spec, Map<String, String> secretValues) {
    DeployProperties properties = DockerEngineFixture.properties(Map.of(SERVICE, spec));
    if (clients != null) {
      clients.close();
    }
    clients = new DockerClients(properties);
    lastService = new ContainerService(clients, properties, DockerEngineFixture.secrets(secretValues));
    return lastService;
  }

  private String newContainerName(String purpose) {
    String name = DockerEngineFixture.containerName(purpose);
    containerNames.add(name);
    return name;
  }

  private static String deployId() {
    return "itd-" + UUID.randomUUID();
  }

  private DockerClient docker() {
    return clients.forHost(LOCAL);
  }

  @Test
  void currentImageIsEmptyWithoutContainerAndTheDeployedImageAfterwards() {
    String name = newContainerName("current");
    ContainerService containers = containerService(DockerEngineFixture.service(name, 18110).build());

    assertThat(containers.currentContainer(LOCAL, SERVICE, "canary").map(ContainerRef::image)).isEmpty();

    containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());
    assertThat(containers.currentContainer(LOCAL, SERVICE, "canary").map(ContainerRef::image)).contains(HEALTHY_V1);

    // a stopped container still names the image a rollback would go back to
    docker().stopContainerCmd(name).withTimeout(2).exec();
    assertThat(containers.currentContainer(LOCAL, SERVICE, "canary").map(ContainerRef::image)).contains(HEALTHY_V1);
  }

  @Test
  void replaceTwiceWithTheSameDeployIdKeepsOneContainer() {
    String name = newContainerName("idem");
    ContainerService containers = containerService(DockerEngineFixture.service(name, 18111).build());
    String deployId = deployId();

    long start = System.nanoTime();
    ContainerRef first = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY, deployId, Map.of());
    long firstMillis = (System.nanoTime() - start) / 1_000_000;
    ContainerRef second = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY, deployId, Map.of());
    System.out.printf("replace (create+start) %d ms, repeated replace %d ms%n", firstMillis,
        (System.nanoTime() - start) / 1_000_000 - firstMillis);

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(containers.containersOf(LOCAL, deployId)).extracting(ContainerRef::id).containsExactly(first.id());

    // a retry after the container stopped starts it again instead of making another one
    docker().stopContainerCmd(first.id()).withTimeout(2).exec();
    ContainerRef third = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY, deployId, Map.of());
    assertThat(third.id()).isEqualTo(first.id());
    assertThat(docker().inspectContainerCmd(first.id()).exec().getState().getRunning()).isTrue();
    assertThat(containers.containersOf(LOCAL, deployId)).hasSize(1);

    // a re-run of a replacement of another deploy's container that already succeeded changes nothing
    String nextDeploy = deployId();
    ContainerRef next = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V2, nextDeploy, Map.of());
    assertThat(containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V2, nextDeploy, Map.of()).id()).isEqualTo(next.id());
    assertRunsAlone(name, next);
    assertThat(containers.containersOf(LOCAL, nextDeploy)).hasSize(1);
    assertThat(containers.containersOf(LOCAL, deployId)).isEmpty();
  }

  @Test
  void replacingV1ByV2RemovesTheOldContainerAndConfiguresTheNewOne() throws Exception {
    String name = newContainerName("v1v2");
    Files.writeString(tempDir.resolve("marker"), "mounted");
    DeployProperties.Service spec = DockerEngineFixture.service(name, 18112)
        .ports("127.0.0.1:18112:18112/tcp")
        .mounts(tempDir + ":/data:ro")
        .secretEnv(Map.of("APP_TOKEN", SECRET_NAME))
        .labels(Map.of("team", "mayor-crew"))
        .restartPolicy("unless-stopped")
        .build();
    ContainerService containers = containerService(spec);
    ContainerRef v1 = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());

    String deployId = deployId();
    long start = System.nanoTime();
    ContainerRef v2 = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V2, deployId, Map.of("gastown_ref", "abc123"));
    System.out.printf("replace v1 by v2 (stop+remove+create+start) %d ms%n", (System.nanoTime() - start) / 1_000_000);

    assertThat(v2.id()).isNotEqualTo(v1.id());
    assertThat(v2.name()).isEqualTo(name);
    assertThat(v2.image()).isEqualTo(HEALTHY_V2);
    assertThat(docker().listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .extracting(c -> c.getId()).containsExactly(v2.id());
    assertThat(containers.containersOf(LOCAL, deployId)).extracting(ContainerRef::id).containsExactly(v2.id());

    InspectContainerResponse inspected = docker().inspectContainerCmd(v2.id()).exec();
    assertThat(inspected.getState().getRunning()).isTrue();
    assertThat(inspected.getConfig().getLabels())
        .containsEntry("mcd.deploy-id", deployId)
        .containsEntry("mcd.service", SERVICE)
        .containsEntry("mcd.managed-by", "mayor-crew-deploy")
        .containsEntry("team", "mayor-crew")
        .containsEntry("gastown_ref", "abc123");
    assertThat(inspected.getConfig().getEnv()).contains("APP_TOKEN=" + SECRET_VALUE, "PORT=18112");
    assertThat(inspected.getHostConfig().getInit()).isTrue();
    assertThat(inspected.getHostConfig().getNetworkMode()).isEqualTo("host");
    assertThat(inspected.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
    assertThat(inspected.getHostConfig().getPortBindings().getBindings())
        .containsKey(ExposedPort.tcp(18112));
    assertThat(inspected.getConfig().getExposedPorts()).contains(ExposedPort.tcp(18112));
    assertThat(inspected.getMounts()).anySatisfy(mount -> {
      assertThat(mount.getDestination().getPath()).isEqualTo("/data");
      assertThat(mount.getRW()).isFalse();
    });
  }

  @Test
  void aNewContainerThatCannotBeCreatedLeavesThePreviousOneRunning() {
    String name = newContainerName("nocreate");
    ContainerService containers = containerService(DockerEngineFixture.service(name, 18242).build());
    ContainerRef previous = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());
    String deployId = deployId();

    assertThatThrownBy(() -> containers.replaceContainer(LOCAL, SERVICE, "canary", "mcd-test/app:itd-no-such-tag", deployId,
        Map.of())).isInstanceOf(NotFoundException.class);

    assertRunsAlone(name, previous);
    assertThat(containers.containersOf(LOCAL, deployId)).isEmpty();
  }

  @Test
  void aNewContainerThatCannotStartIsRemovedAndThePreviousOneRunsAgain() throws Exception {
    String name = newContainerName("nostart");
    DockerEngineFixture.ServiceBuilder service = DockerEngineFixture.service(name, 18243);
    ContainerRef previous = containerService(service.build())
        .replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());
    // a file mounted over the image's /www directory: created fine, the runtime refuses to start it
    ContainerService broken = containerService(service.mounts(tempDir.resolve("a-file") + ":/www").build());
    Files.writeString(tempDir.resolve("a-file"), "not a directory");
    String deployId = deployId();

    assertThatThrownBy(() -> broken.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V2, deployId, Map.of()))
        .hasMessageContaining("not a directory");

    assertRunsAlone(name, previous);
    assertThat(broken.containersOf(LOCAL, deployId)).isEmpty();
  }

  @Test
  void aReplacementInterruptedAfterSettingThePreviousContainerAsideFinishesWhenRunAgain() {
    String name = newContainerName("aside");
    ContainerService containers = containerService(DockerEngineFixture.service(name, 18244).build());
    ContainerRef previous = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());
    setAsideAsAnInterruptedReplacementWould(previous);
    assertThat(containers.currentContainer(LOCAL, SERVICE, "canary").map(ContainerRef::image)).contains(HEALTHY_V1);
    String deployId = deployId();
    assertThat(containers.changedBy(LOCAL, SERVICE, "canary", deployId)).isTrue();

    ContainerRef next = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V2, deployId, Map.of());

    assertRunsAlone(name, next);
    assertThat(next.image()).isEqualTo(HEALTHY_V2);
    assertThat(containers.changedBy(LOCAL, SERVICE, "canary", deployId())).isFalse();
  }

  @Test
  void removingADeploysContainersPutsBackThePreviousContainerItSetAside() {
    String name = newContainerName("undo");
    ContainerService containers = containerService(DockerEngineFixture.service(name, 18245).build());
    ContainerRef previous = containers.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());
    // interrupted after creating its own container, before starting it
    setAsideAsAnInterruptedReplacementWould(previous);
    String deployId = deployId();
    docker().createContainerCmd(HEALTHY_V2).withName(name)
        .withLabels(Map.of(ContainerService.LABEL_DEPLOY_ID, deployId)).exec();
    assertThat(containers.changedBy(LOCAL, SERVICE, "canary", deployId)).isTrue();

    containers.removeDeployContainers(LOCAL, SERVICE, "canary", deployId);

    assertRunsAlone(name, previous);
    assertThat(containers.changedBy(LOCAL, SERVICE, "canary", deployId)).isFalse();
  }

  private void setAsideAsAnInterruptedReplacementWould(ContainerRef container) {
    docker().stopContainerCmd(container.id()).withTimeout(2).exec();
    docker().renameContainerCmd(container.id()).withName(container.name() + ContainerService.SET_ASIDE_SUFFIX).exec();
    containerNames.add(container.name() + ContainerService.SET_ASIDE_SUFFIX);
  }

  /** {@code container} runs under {@code name}, and nothing else is named like it (no set-aside container). */
  private void assertRunsAlone(String name, ContainerRef container) {
    assertThat(docker().listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .extracting(Container::getId).containsExactly(container.id());
    assertThat(docker().inspectContainerCmd(name).exec().getState().getRunning()).isTrue();
  }

  @Test
  void aMissingSecretFailsBeforeTheOldContainerIsTouched() {
    String name = newContainerName("nosecret");
    DeployProperties.Service spec = DockerEngineFixture.service(name, 18113)
        .secretEnv(Map.of("APP_TOKEN", "MCD_ITD_MISSING_SECRET"))
        .build();
    ContainerService withSecret = containerService(spec, Map.of("MCD_ITD_MISSING_SECRET", SECRET_VALUE));
    ContainerRef old = withSecret.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V1, deployId(), Map.of());

    ContainerService withoutSecret = containerService(spec, Map.of());
    assertThatThrownBy(() -> withoutSecret.replaceContainer(LOCAL, SERVICE, "canary", HEALTHY_V2, deployId(), Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MCD_ITD_MISSING_SECRET")
        .hasMessageNotContaining(SECRET_VALUE);
    assertThat(docker().inspectContainerCmd(name).exec().getId()).isEqualTo(old.id());
  }

  @Test
  void ensureImageIsANoOpForALocalImage() {
    ContainerService containers = containerService(DockerEngineFixture.service("unused", 18114).build());
    containers.ensureImage(LOCAL, HEALTHY);
  }

  @Test
  void ensureImageOfAnUnpullableImageFailsWithImageUnavailable() {
    ContainerService containers = containerService(DockerEngineFixture.service("unused", 18114).build());
    // a registry on a closed local port: fails fast and never leaves the machine
    String image = "127.0.0.1:18197/mcd-itd/missing:nope";

    assertThatThrownBy(() -> containers.ensureImage(LOCAL, image))
        .isInstanceOf(ImageUnavailableException.class)
        .hasMessageContaining(image)
        .hasMessageContaining("cannot be pulled");
  }

  @Test
  void removeContainerIgnoresAMissingContainer() {
    ContainerService containers = containerService(DockerEngineFixture.service("unused", 18114).build());
    containers.removeContainer(LOCAL, DockerEngineFixture.containerName("never-created"));
  }

  @Test
  void imageReferencesSplitIntoRepositoryAndTag() {
    assertThat(ContainerService.repository("gastown:canary-0123456789ab")).isEqualTo("gastown");
    assertThat(ContainerService.tag("gastown:canary-0123456789ab")).isEqualTo("canary-0123456789ab");
    assertThat(ContainerService.repository("registry:5000/team/app")).isEqualTo("registry:5000/team/app");
    assertThat(ContainerService.tag("registry:5000/team/app")).isEqualTo("latest");
    assertThat(ContainerService.repository("app@sha256:abc")).isEqualTo("app");
    assertThat(ContainerService.tag("app@sha256:abc")).isEqualTo("sha256:abc");
  }
}
