package com.mayorcrew.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.DockerEngineFixture;
import com.mayorcrew.deploy.it.ChildDeploys.HistoricActivity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * The application on its embedded default database (the H2 file URL of application.yaml, unchanged) in a child
 * JVM, killed with SIGKILL at the worst moments and started again on the same file, against the real Docker
 * engine. One node is shared by the cases, in order: the crew's smoke test of the first deploy stays open while
 * the second deploy is killed in its health verification.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillAndRestartTest {

  /** Each deploy finishes, or reaches its next user task, within this time of the restart. */
  private static final Duration RESUME_BOUND = Duration.ofSeconds(30);
  private static final String WEB_CONTAINER = "mcd-it-durable-web";
  private static final String QUICK_CONTAINER = "mcd-it-durable-quick";
  private static final int QUICK_PORT = 18262;
  private static final int QUICK_HEALTH_RELAY_PORT = 18263;

  @TempDir static Path workingDirectory;
  private static ChildApplication node;
  private static ChildDeploys deploys;
  private static HoldingRelay quickHealth;
  private static DockerClients docker;
  /** The first deploy and its smoke test, left open by the first case. */
  private static String firstDeploy;
  private static String firstSmokeTest;

  @BeforeAll
  static void startNode() throws Exception {
    docker = new DockerClients(DockerEngineFixture.properties(Map.of()));
    removeTestContainers();
    quickHealth = new HoldingRelay(QUICK_HEALTH_RELAY_PORT, QUICK_PORT);
    node = new ChildApplication("kill-and-restart", workingDirectory, Map.ofEntries(
        Map.entry("spring.datasource.url", defaultDataSourceUrl()),
        // the lease stays at its default (60 s): a resume within 30 s is not a lease running out
        Map.entry("mcd.hosts.local.expected-name", ""),
        Map.entry("mcd.hosts.durable.docker-endpoint", DockerEngineFixture.dockerHost()),
        Map.entry("mcd.services.web.container-name", WEB_CONTAINER),
        Map.entry("mcd.services.web.env.PORT", "18260"),
        Map.entry("mcd.services.web.health.url", "http://127.0.0.1:18260/health"),
        Map.entry("mcd.services.quick.container-name", QUICK_CONTAINER),
        Map.entry("mcd.services.quick.env.PORT", Integer.toString(QUICK_PORT)),
        Map.entry("mcd.services.quick.health.url", "http://127.0.0.1:" + QUICK_HEALTH_RELAY_PORT + "/health"),
        // a held probe blocks its step until the kill
        Map.entry("mcd.services.quick.health.probe-timeout", "60s")));
    System.out.printf("kill-and-restart: first start %d ms%n", node.start().toMillis());
    deploys = new ChildDeploys(node);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
    if (quickHealth != null) {
      quickHealth.close();
    }
    if (docker != null) {
      removeTestContainers();
      docker.close();
    }
  }

  @Test
  @Order(1)
  void aDeployAcknowledgedJustBeforeTheKillIsThereAfterTheRestartAndRuns() throws Exception {
    firstDeploy = deploys.request("web", "local", DockerEngineFixture.HEALTHY_V1);
    Instant killed = node.killNine();

    Restart restart = restart();
    assertThat(deploys.processInstanceId(firstDeploy)).as("the acknowledged deploy after the restart").isPresent();
    assertThat(deploys.isRunning(firstDeploy)).isTrue();
    HistoricActivity resumed = deploys.firstStepSince(firstDeploy, restart.launched(), RESUME_BOUND);
    firstSmokeTest = deploys.awaitTask(firstDeploy, "Task_SmokeTest", RESUME_BOUND);
    restart.report("killed right after the start was acknowledged", resumed, killed);
    restart.assertWithinBound();
    assertThat(runningContainersOf(firstDeploy)).containsExactly("/" + WEB_CONTAINER);
  }

  @Test
  @Order(2)
  void killedDuringHealthVerificationAndAtTheCrewsTaskBothResume() throws Exception {
    quickHealth.hold();
    String probing = deploys.request("quick", "durable", DockerEngineFixture.HEALTHY);
    assertThat(quickHealth.awaitHeldConnection(Duration.ofSeconds(30)))
        .as("the health probe of " + probing + " is running").isTrue();
    assertThat(deploys.currentActivities(probing)).containsExactly("Task_ProbeHealth");
    Instant killed = node.killNine();
    quickHealth.relay();

    Restart restart = restart();
    assertThat(restart.releasedLocks()).as("the probe's job lock, freed at the start").isGreaterThanOrEqualTo(1);
    HistoricActivity resumed = deploys.firstStepSince(probing, restart.launched(), RESUME_BOUND);
    assertThat(resumed.activityId()).isEqualTo("Task_ProbeHealth");
    String statusUpdate = deploys.awaitTask(probing, "Task_StatusUpdate", RESUME_BOUND);
    restart.report("killed while a health probe ran", resumed, killed);
    restart.assertWithinBound();
    assertThat(runningContainersOf(probing)).containsExactly("/" + QUICK_CONTAINER);

    // The first deploy was at the crew's smoke test during the kill: the same task is still open.
    assertThat(deploys.awaitTask(firstDeploy, "Task_SmokeTest", Duration.ofSeconds(1))).isEqualTo(firstSmokeTest);
    deploys.passSmokeTest(firstSmokeTest);
    deploys.complete(deploys.awaitTask(firstDeploy, "Task_StatusUpdate", RESUME_BOUND), Map.of());
    deploys.complete(statusUpdate, Map.of());
    assertThat(deploys.awaitEnd(firstDeploy, RESUME_BOUND)).isEqualTo("COMPLETED");
    assertThat(deploys.awaitEnd(probing, RESUME_BOUND)).isEqualTo("COMPLETED");
    assertCompleteHistory(firstDeploy, true);
    assertCompleteHistory(probing, false);
  }

  @Test
  @Order(3)
  void killedDuringPrechecksResumesAtThePrecheck() throws Exception {
    String deployId = deploys.request("web", "local", DockerEngineFixture.HEALTHY_V2);
    awaitPrecheck(deployId);
    Instant killed = node.killNine();

    Restart restart = restart();
    HistoricActivity resumed = deploys.firstStepSince(deployId, restart.launched(), RESUME_BOUND);
    String smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest", RESUME_BOUND);
    restart.report("killed during prechecks", resumed, killed);
    restart.assertWithinBound();
    assertThat(runningContainersOf(deployId)).containsExactly("/" + WEB_CONTAINER);

    deploys.passSmokeTest(smokeTest);
    deploys.complete(deploys.awaitTask(deployId, "Task_StatusUpdate", RESUME_BOUND), Map.of());
    assertThat(deploys.awaitEnd(deployId, RESUME_BOUND)).isEqualTo("COMPLETED");
    assertCompleteHistory(deployId, true);
  }

  @Test
  @Order(4)
  void killedWhileReplacingTheContainerFinishesWithOneContainerAndThePreviousOneGoneOnlyAfterwards() throws Exception {
    // The previous deploy's container runs under the service's name; the kill comes the moment the replacement has
    // set it aside (renamed), i.e. between taking the old container off and starting the new one.
    CountDownLatch setAside = new CountDownLatch(1);
    String deployId;
    Instant killed;
    try (var renames = docker.forHost("local").eventsCmd().withEventFilter("rename")
        .exec(new ResultCallback.Adapter<Event>() {
          @Override
          public void onNext(Event event) {
            if (("/" + WEB_CONTAINER).equals(event.getActor().getAttributes().get("oldName"))) {
              setAside.countDown();
            }
          }
        })) {
      deployId = deploys.request("web", "local", DockerEngineFixture.HEALTHY_V1);
      assertThat(setAside.await(30, TimeUnit.SECONDS)).as("the previous container was set aside").isTrue();
      killed = node.killNine();
    }
    System.out.printf("killed during the replacement; on the daemon: %s%n", webContainers());

    Restart restart = restart();
    HistoricActivity resumed = deploys.firstStepSince(deployId, restart.launched(), RESUME_BOUND);
    String smokeTest = deploys.awaitTask(deployId, "Task_SmokeTest", RESUME_BOUND);
    restart.report("killed between setting the previous container aside and starting the new one", resumed, killed);
    restart.assertWithinBound();
    assertThat(resumed.activityId()).isEqualTo("Task_ReplaceContainer");
    assertThat(runningContainersOf(deployId)).containsExactly("/" + WEB_CONTAINER);
    assertThat(webContainers()).as("the set-aside container is removed once the new one runs")
        .containsExactly("/" + WEB_CONTAINER);
    // the previous one stays restorable: the image it ran is this deploy's recorded rollback target
    assertThat(deploys.variable(deployId, "previousImage")).contains(DockerEngineFixture.HEALTHY_V2);
    assertThat(deploys.variable(deployId, "deployImage")).contains(DockerEngineFixture.HEALTHY_V1);

    deploys.passSmokeTest(smokeTest);
    deploys.complete(deploys.awaitTask(deployId, "Task_StatusUpdate", RESUME_BOUND), Map.of());
    assertThat(deploys.awaitEnd(deployId, RESUME_BOUND)).isEqualTo("COMPLETED");
    assertCompleteHistory(deployId, true);
  }

  /** Every container of the service on the daemon, running or not: the current one and any set aside. */
  private static List<String> webContainers() {
    return docker.forHost("local").listContainersCmd().withShowAll(true)
        .withNameFilter(List.of("^/" + WEB_CONTAINER)).exec().stream()
        .map(container -> container.getNames()[0]).sorted().toList();
  }

  /** One start after a kill, with what the node said about the locks it held. */
  private record Restart(Instant launched, Duration startup, int releasedLocks) {
    void report(String when, HistoricActivity resumed, Instant killed) {
      System.out.printf("%s: the node answered REST %d ms after its relaunch; %s ran %d ms after the relaunch "
              + "(%d ms after the kill); next user task %d ms after the relaunch; %d stale job lock(s) released%n",
          when, startup.toMillis(), resumed.activityId(), Duration.between(launched, resumed.started()).toMillis(),
          Duration.between(killed, resumed.started()).toMillis(), Duration.between(launched, Instant.now()).toMillis(),
          releasedLocks);
    }

    /** From the moment the node answers again to the deploy's next user task or end. */
    void assertWithinBound() {
      assertThat(Duration.between(launched.plus(startup), Instant.now())).isLessThan(RESUME_BOUND);
    }
  }

  private static Restart restart() throws Exception {
    Instant launched = Instant.now();
    Duration startup = node.start();
    return new Restart(launched, startup, node.releasedJobLocks());
  }

  private static void awaitPrecheck(String deployId) throws Exception {
    List<String> prechecks = List.of("Task_ResolveRefs", "Task_CheckBranchProtection", "Task_CheckRunner",
        "Task_CheckGitHubSecrets", "Task_CheckDockerDaemon", "Task_CheckHostIdentity", "Task_CheckSecrets");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (deploys.currentActivities(deployId).stream().anyMatch(prechecks::contains)) {
        return;
      }
      Thread.sleep(5);
    }
    throw new AssertionError(deployId + " was never seen in its prechecks");
  }

  /**
   * Every step of the main line ran to its end exactly once (a step cut off by the kill left no trace: its
   * transaction never committed), and the health probe at least once.
   */
  private static void assertCompleteHistory(String deployId, boolean smokeTest) throws Exception {
    List<HistoricActivity> history = deploys.history(deployId);
    assertThat(history).allSatisfy(activity -> assertThat(activity.ended()).as(activity.activityId()).isNotNull());
    List<String> once = new java.util.ArrayList<>(List.of("Task_ValidateRequest", "Task_AcquireCanaryHost",
        "Event_GitHubPrechecksSkipped", "Task_CheckDockerDaemon", "Task_CheckHostIdentity", "Task_CheckSecrets",
        "Task_RecordPreviousImage", "Task_PrepareImage", "Task_ReplaceContainer", "Task_RecordMetadata",
        "Task_PrepareStatusReport", "Task_StatusUpdate", "Task_PublishStatusReport", "EndEvent_DeployDone"));
    if (smokeTest) {
      once.add("Task_SmokeTest");
    }
    List<String> ran = history.stream().map(HistoricActivity::activityId).toList();
    assertThat(once).allSatisfy(step -> assertThat(ran).as(deployId + " history").containsOnlyOnce(step));
    assertThat(ran).contains("Task_ProbeHealth");
  }

  private static List<String> runningContainersOf(String deployId) {
    return docker.forHost("local").listContainersCmd()
        .withLabelFilter(Map.of(ContainerService.LABEL_DEPLOY_ID, deployId)).exec().stream()
        .map(container -> container.getNames()[0]).toList();
  }

  private static void removeTestContainers() {
    docker.forHost("local").listContainersCmd().withShowAll(true).withNameFilter(List.of("^/mcd-it-durable-"))
        .exec().forEach(container ->
            docker.forHost("local").removeContainerCmd(container.getId()).withForce(true).exec());
  }

  /** The data source URL of the application's defaults, as it ships (relative to the node's working directory). */
  private static String defaultDataSourceUrl() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    Properties defaults = yaml.getObject();
    return defaults.getProperty("spring.datasource.url");
  }
}
