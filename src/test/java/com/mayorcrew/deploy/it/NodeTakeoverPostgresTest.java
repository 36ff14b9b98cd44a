package com.mayorcrew.deploy.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.DockerEngineFixture;
import com.mayorcrew.deploy.it.ChildDeploys.HistoricActivity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two application nodes (child JVMs, each with its own working directory and so its own node identity) on one
 * PostgreSQL schema of their own, as production runs them: profile {@code production} (the managed schema created
 * by Liquibase on the empty schema, the database password read from a secrets file, TLS-only cookies). Deploys are
 * requested through both nodes. A step that runs longer than the lease stays with its node while the node lives;
 * when the node is killed, the other node takes the step over once the lease has run out and finishes both
 * deploys. src/test/scripts/postgres.sh starts the database and exports MCD_TEST_POSTGRES_URL.
 */
class NodeTakeoverPostgresTest {

  private static final Duration LEASE = Duration.ofSeconds(6);
  private static final String CONTAINER = "mcd-it-takeover-quick";
  private static final int PORT = 18264;
  private static final int HEALTH_RELAY_PORT = 18265;

  @TempDir static Path nodes;
  private static String url;
  private static String schema;
  private static HoldingRelay health;
  private static DockerClients docker;
  private static ChildApplication nodeA;
  private static ChildApplication nodeB;

  @BeforeAll
  static void createSchema() throws Exception {
    url = System.getenv("MCD_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("MCD_TEST_POSTGRES_URL is not set: run the tests with src/test/scripts/run-tests.sh");
    }
    schema = "mcd_takeover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    docker = new DockerClients(DockerEngineFixture.properties(Map.of()));
    removeContainer();
    health = new HoldingRelay(HEALTH_RELAY_PORT, PORT);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    for (ChildApplication node : new ChildApplication[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    if (health != null) {
      health.close();
    }
    if (docker != null) {
      removeContainer();
      docker.close();
    }
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  @Test
  void aStepLongerThanTheLeaseStaysWithItsNodeAndTheOtherNodeTakesItOverWhenTheNodeIsKilled() throws Exception {
    nodeA = node("node-a");
    System.out.printf("takeover: node A started in %d ms%n", nodeA.start().toMillis());
    ChildDeploys onA = new ChildDeploys(nodeA);
    health.hold();
    String deployId = onA.request("quick", "local", DockerEngineFixture.HEALTHY);
    assertThat(health.awaitHeldConnection(Duration.ofSeconds(30))).as("node A probes the health of " + deployId).isTrue();
    Instant probeHeld = Instant.now();

    nodeB = node("node-b");
    System.out.printf("takeover: node B started in %d ms%n", nodeB.start().toMillis());
    // Node A's probe outlives the lease by half a lease while node B acquires jobs every 250 ms: A's heartbeat
    // keeps the lock, or B would take the step over and probe as well. B watches for at least 2 s.
    Duration beyondLease = Duration.between(Instant.now(), probeHeld.plus(LEASE).plus(LEASE.dividedBy(2)));
    Duration watch = beyondLease.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : beyondLease;
    assertThat(health.awaitHeldConnection(watch)).as("a second probe while node A still runs the first").isFalse();

    ChildDeploys onB = new ChildDeploys(nodeB);
    String queuedOnB = onB.request("quick", "local", DockerEngineFixture.HEALTHY); // waits for the host
    Instant killed = nodeA.killNine();
    health.relay();
    HistoricActivity takenOver = onB.firstStepSince(deployId, killed, LEASE.multipliedBy(3));
    String statusUpdate = onB.awaitTask(deployId, "Task_StatusUpdate", Duration.ofSeconds(30));
    Duration takeover = Duration.between(killed, takenOver.started());
    System.out.printf("takeover: node B ran %s %d ms after node A was killed (lease %d s); the deploy reached "
        + "the crew %d ms after the kill%n", takenOver.activityId(), takeover.toMillis(), LEASE.toSeconds(),
        Duration.between(killed, Instant.now()).toMillis());
    assertThat(takenOver.activityId()).isEqualTo("Task_ProbeHealth");
    assertThat(takeover).isLessThanOrEqualTo(LEASE.plusSeconds(2));
    assertThat(runningContainersOf(deployId)).containsExactly("/" + CONTAINER);

    onB.complete(statusUpdate, Map.of());
    assertThat(onB.awaitEnd(deployId, Duration.ofSeconds(30))).isEqualTo("COMPLETED");
    List<String> ran = onB.history(deployId).stream().map(HistoricActivity::activityId).toList();
    assertThat(List.of("Task_AcquireCanaryHost", "Task_ReplaceContainer", "Task_RecordMetadata", "Task_StatusUpdate",
        "Task_PublishStatusReport", "EndEvent_DeployDone")).allSatisfy(step -> assertThat(ran).containsOnlyOnce(step));

    // the deploy requested through node B waited for the host and runs on node B alone now
    onB.complete(onB.awaitTask(queuedOnB, "Task_StatusUpdate", Duration.ofSeconds(60)), Map.of());
    assertThat(onB.awaitEnd(queuedOnB, Duration.ofSeconds(30))).isEqualTo("COMPLETED");
    assertThat(runningContainersOf(queuedOnB)).containsExactly("/" + CONTAINER);
  }

  private static ChildApplication node(String name) throws Exception {
    Path secrets = Files.createDirectories(nodes.resolve(name + "-secrets"));
    Files.writeString(secrets.resolve("MCD_DATABASE_PASSWORD"), "mcd_test\n");
    return new ChildApplication("takeover-" + name, nodes.resolve(name), Map.ofEntries(
        Map.entry(ChildApplication.PROFILES, "test,production"),
        Map.entry("MCD_SECRETS_DIR", secrets.toString()),
        Map.entry("MCD_DATABASE_URL", url + "?currentSchema=" + schema),
        Map.entry("MCD_DATABASE_USER", "mcd_test"),
        // directory logins have their own tests (DirectoryTestContext); these nodes keep the configured users
        Map.entry("mcd.identity.ldap.enabled", "false"),
        Map.entry("mcd.jobs.lease", LEASE.toSeconds() + "s"),
        Map.entry("mcd.hosts.local.expected-name", ""),
        Map.entry("mcd.services.quick.container-name", CONTAINER),
        Map.entry("mcd.services.quick.env.PORT", Integer.toString(PORT)),
        Map.entry("mcd.services.quick.health.url", "http://127.0.0.1:" + HEALTH_RELAY_PORT + "/health"),
        Map.entry("mcd.services.quick.health.probe-timeout", "60s")));
  }

  private static List<String> runningContainersOf(String deployId) {
    return docker.forHost("local").listContainersCmd()
        .withLabelFilter(Map.of(ContainerService.LABEL_DEPLOY_ID, deployId)).exec().stream()
        .map(container -> container.getNames()[0]).toList();
  }

  private static void removeContainer() {
    docker.forHost("local").listContainersCmd().withShowAll(true).withNameFilter(List.of("^/" + CONTAINER + "$"))
        .exec().forEach(container ->
            docker.forHost("local").removeContainerCmd(container.getId()).withForce(true).exec());
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "mcd_test", "mcd_test");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
