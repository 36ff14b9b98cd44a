package com.mayorcrew.deploy.hostlock;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.MayorCrewDeployApplication;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.process.ProcessDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application nodes (two Spring contexts, two engines with their own job executors) on one PostgreSQL
 * database: two deploys to one host, requested on different nodes, run one after the other.
 */
class TwoNodesSharingPostgresTest {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static String schema;
  private static ConfigurableApplicationContext nodeA;
  private static ConfigurableApplicationContext nodeB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    String url = System.getenv("MCD_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("MCD_TEST_POSTGRES_URL is not set: run the tests with src/test/scripts/run-tests.sh");
    }
    schema = "mcd_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(url, "CREATE SCHEMA " + schema);
    String schemaUrl = url + "?currentSchema=" + schema;
    nodeA = node(schemaUrl);
    nodeB = node(schemaUrl);
  }

  @AfterAll
  static void stopNodes() throws Exception {
    for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
      if (node != null) {
        node.getBean(ContainerService.class).removeContainer("local", "mcd-it-node-a");
        node.getBean(ContainerService.class).removeContainer("local", "mcd-it-node-b");
        node.close();
      }
    }
    execute(System.getenv("MCD_TEST_POSTGRES_URL"), "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  @Test
  void deploysToOneHostRequestedOnTwoNodesRunOneAfterTheOther() throws Exception {
    ProcessInstance first = start(nodeA, "node-a", "mcd-test/app:healthy-v1");
    Task firstAtStatusUpdate = awaitTask(nodeB, first, "Task_StatusUpdate");
    ProcessInstance second = start(nodeB, "node-b", "mcd-test/app:healthy-v2");

    Thread.sleep(3_000); // both job executors have had time to run the second deploy, if it could run
    assertThat(nodeA.getBean(RuntimeService.class).getActiveActivityIds(second.getId()))
        .containsExactly("Gateway_WaitForHost");
    assertThat(nodeA.getBean(HostLocks.class).holder("local")).map(HostLocks.Holder::deployId)
        .contains(first.getBusinessKey());

    nodeB.getBean(TaskService.class).complete(firstAtStatusUpdate.getId()); // finished on the other node
    awaitTask(nodeA, second, "Task_StatusUpdate");
    DockerClients docker = nodeA.getBean(DockerClients.class);
    Instant firstCreated = Instant.parse(docker.forHost("local").inspectContainerCmd("mcd-it-node-a").exec().getCreated());
    Instant secondCreated = Instant.parse(docker.forHost("local").inspectContainerCmd("mcd-it-node-b").exec().getCreated());
    assertThat(secondCreated).isAfter(firstCreated);
  }

  private static ConfigurableApplicationContext node(String url) {
    Map<String, String> properties = new java.util.HashMap<>();
    properties.put("spring.datasource.url", url);
    properties.put("spring.datasource.username", "mcd_test");
    properties.put("spring.datasource.password", "mcd_test");
    properties.put("server.port", "0");
    properties.put("camunda.bpm.job-execution.enabled", "true");
    properties.put("camunda.bpm.authorization.enabled", "false");
    properties.put("mcd.logs-dir", "target/test-nodes");
    for (String service : new String[] {"node-a", "node-b"}) {
      String prefix = "mcd.services." + service + ".";
      properties.put(prefix + "image-repository", "mcd-test/app");
      properties.put(prefix + "container-name", "mcd-it-" + service);
      properties.put(prefix + "network-mode", "host");
      properties.put(prefix + "env.PORT", service.equals("node-a") ? "18221" : "18222");
      properties.put(prefix + "health.url", "http://127.0.0.1:" + (service.equals("node-a") ? "18221" : "18222") + "/health");
      properties.put(prefix + "health.poll-interval", "1s");
      properties.put(prefix + "health.required-passes", "1");
      properties.put(prefix + "smoke-test", "false");
    }
    // As command-line arguments: they outrank the test profile's H2 data source.
    String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
        .toArray(String[]::new);
    return new SpringApplicationBuilder(MayorCrewDeployApplication.class).profiles("test").run(arguments);
  }

  private static ProcessInstance start(ConfigurableApplicationContext node, String service, String image) {
    IdentityService identity = node.getBean(IdentityService.class);
    identity.setAuthenticatedUserId("mayor");
    try {
      return node.getBean(RuntimeService.class).startProcessInstanceByKey(PROCESS_KEY,
          ProcessDriver.request(service, "local", image));
    } finally {
      identity.clearAuthentication();
    }
  }

  private static Task awaitTask(ConfigurableApplicationContext node, ProcessInstance deploy, String taskKey)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Task task = node.getBean(TaskService.class).createTaskQuery().processInstanceId(deploy.getId())
          .taskDefinitionKey(taskKey).singleResult();
      if (task != null) {
        return task;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(deploy.getBusinessKey() + " did not reach " + taskKey + " within " + WAIT);
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "mcd_test", "mcd_test");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
