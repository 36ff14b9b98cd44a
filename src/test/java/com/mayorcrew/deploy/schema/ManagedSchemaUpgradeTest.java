package com.mayorcrew.deploy.schema;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.MayorCrewDeployApplication;
import com.mayorcrew.deploy.process.ProcessDriver;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
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
 * The managed schema on the real PostgreSQL (src/test/scripts/postgres.sh), each database in a fresh schema:
 * a database as the previous release left it (engine tables from {@code schema-update}, the application's from
 * schema.sql) with a deploy waiting at the mayor's escalation is taken over by Liquibase (profile
 * {@code managed-schema}) and the deploy finishes; an empty database gets every table from Liquibase alone, the
 * application's tables identical to schema.sql's.
 */
class ManagedSchemaUpgradeTest {

  private static final String ENGINE = "schemaUpgrade";
  private static String url;
  private static final List<String> schemas = new ArrayList<>();

  @BeforeAll
  static void postgres() {
    url = System.getenv("MCD_TEST_POSTGRES_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException("MCD_TEST_POSTGRES_URL is not set: run the tests with src/test/scripts/run-tests.sh");
    }
  }

  @AfterAll
  static void dropSchemas() throws Exception {
    for (String schema : schemas) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void aDatabaseOfThePreviousReleaseIsAdoptedWithItsRunningDeployAndAnEmptyOneIsCreated() throws Exception {
    String previous = newSchema();
    String deployId;
    try (ConfigurableApplicationContext release = start(previous)) {
      ProcessDriver driver = driver(release);
      IdentityService identity = release.getBean(IdentityService.class);
      identity.setAuthentication("mayor", List.of("mayor"));
      ProcessInstance deploy;
      try {
        deploy = release.getBean(RuntimeService.class).startProcessInstanceByKey("canary-deploy",
            ProcessDriver.request("web", "unreachable", "mcd-test/app:healthy-v1"));
      } finally {
        identity.clearAuthentication();
      }
      TaskService tasks = release.getBean(TaskService.class);
      driver.runJobsUntil(deploy, () -> escalation(tasks, deploy.getBusinessKey()) != null);
      deployId = deploy.getBusinessKey();
      assertThat(escalation(tasks, deployId)).isNotNull();
    }
    assertThat(tables(previous)).doesNotContain("databasechangelog");

    try (ConfigurableApplicationContext managed = start(previous, "managed-schema")) {
      assertThat(changeLog(previous)).containsEntry("7.16.0-baseline", "EXECUTED").containsEntry("7.24.0-tag",
          "EXECUTED").containsEntry("mcd-host-lock", "MARK_RAN").containsEntry("mcd-host-queue", "MARK_RAN");
      TaskService tasks = managed.getBean(TaskService.class);
      Task waiting = escalation(tasks, deployId);
      assertThat(waiting).as("the deploy waits at the escalation after the upgrade").isNotNull();
      tasks.complete(waiting.getId(), Map.of(MAYOR_DECISION, "abort", MAYOR_NOTE, "schema upgrade test"));
      ProcessInstance instance = managed.getBean(RuntimeService.class).createProcessInstanceQuery()
          .processInstanceBusinessKey(deployId).singleResult();
      if (instance != null) {
        driver(managed).runJobs(instance);
      }
      assertThat(managed.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
          .processInstanceBusinessKey(deployId).finished().count()).isOne();
    }

    String empty = newSchema();
    try (ConfigurableApplicationContext fresh = start(empty, "managed-schema")) {
      assertThat(fresh.getBean(RuntimeService.class).createProcessInstanceQuery().count()).isZero();
      assertThat(changeLog(empty)).containsEntry("7.16.0-baseline", "EXECUTED")
          .containsEntry("7.23-to-7.24", "EXECUTED").containsEntry("mcd-host-lock", "EXECUTED")
          .containsEntry("mcd-host-queue", "EXECUTED").doesNotContainValue("MARK_RAN");
    }
    assertThat(tables(empty)).containsAll(tables(previous));
    assertThat(columns(empty, "mcd_")).isEqualTo(columns(previous, "mcd_"));
    assertThat(columns(empty, "act_")).isEqualTo(columns(previous, "act_"));
  }

  private static Task escalation(TaskService tasks, String deployId) {
    return tasks.createTaskQuery().processInstanceBusinessKey(deployId).taskDefinitionKey("Task_MayorEscalation")
        .singleResult();
  }

  private static ProcessDriver driver(ConfigurableApplicationContext context) {
    return new ProcessDriver(context.getBean(RuntimeService.class), context.getBean(ManagementService.class),
        context.getBean(IdentityService.class));
  }

  private static ConfigurableApplicationContext start(String schema, String... profiles) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", url + "?currentSchema=" + schema);
    properties.put("spring.datasource.username", "mcd_test");
    properties.put("spring.datasource.password", "mcd_test");
    properties.put("server.port", "0");
    properties.put("camunda.bpm.process-engine-name", ENGINE);
    properties.put("mcd.logs-dir", "target/schema-upgrade");
    // A list from the command line replaces the test profile's: its crew member comes again.
    properties.put("mcd.access.users[0].id", "ptilopsis");
    properties.put("mcd.access.users[0].groups[0]", "crew");
    properties.put("mcd.access.users[1].id", "mayor");
    properties.put("mcd.access.users[1].groups[0]", "mayor");
    // As command-line arguments: they outrank the test profile's H2 data source.
    String[] arguments = properties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
        .toArray(String[]::new);
    List<String> active = new ArrayList<>(List.of("test"));
    active.addAll(List.of(profiles));
    return new SpringApplicationBuilder(MayorCrewDeployApplication.class).profiles(active.toArray(String[]::new))
        .run(arguments);
  }

  private static String newSchema() throws Exception {
    String schema = "mcd_schema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    schemas.add(schema);
    return schema;
  }

  private static Map<String, String> changeLog(String schema) throws Exception {
    return query("SELECT id, exectype FROM " + schema + ".databasechangelog ORDER BY orderexecuted");
  }

  private static List<String> tables(String schema) throws Exception {
    return new ArrayList<>(query("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = '"
        + schema + "' ORDER BY table_name").keySet());
  }

  private static Map<String, String> columns(String schema, String tablePrefix) throws Exception {
    return query("SELECT table_name || '.' || column_name, data_type || ' ' || is_nullable || ' '"
        + " || coalesce(character_maximum_length::text, '') FROM information_schema.columns WHERE table_schema = '"
        + schema + "' AND table_name LIKE '" + tablePrefix + "%' ORDER BY 1");
  }

  private static Map<String, String> query(String sql) throws Exception {
    Map<String, String> rows = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, "mcd_test", "mcd_test");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        rows.put(result.getString(1), result.getString(2));
      }
    }
    return rows;
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(url, "mcd_test", "mcd_test");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
