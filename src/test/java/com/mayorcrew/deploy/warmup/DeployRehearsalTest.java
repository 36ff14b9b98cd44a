package com.mayorcrew.deploy.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.audit.AuditTestContext;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.hostlock.HostLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deploy rehearsed at start-up (docs/benchmark.md) runs the real first steps of a deploy, against the real test
 * daemon and database, and leaves no trace: the transaction it ran in is rolled back, and it stops before any step
 * that could change something outside the database. Each case compares what a person, an auditor or an operator
 * could see before and after.
 */
@AuditTestContext
class DeployRehearsalTest {

  private static final String HOST = "local";
  private static final String SERVICE = "web";

  @Autowired DeployRehearsal rehearsal;
  @Autowired RuntimeService runtimeService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;
  @Autowired TaskService taskService;
  @Autowired HostLocks hostLocks;
  @Autowired DockerClients dockerClients;

  @Test
  void aRehearsalRunsTheDeploysFirstStepsAndStopsBeforeTheImage() throws IOException {
    Visible before = visible();

    DeployRehearsal.Outcome outcome = rehearsal.rehearse(HOST, SERVICE).orElseThrow();

    assertThat(outcome.failure()).isNull();
    assertThat(outcome.steps()).containsExactly("Task_ValidateRequest", "Task_AcquireCanaryHost",
        "Task_CheckDockerDaemon", "Task_CheckHostIdentity", "Task_CheckSecrets", "Task_RecordPreviousImage");
    assertThat(outcome.stoppedAt()).as("Prepare image may pull: not rehearsed").isEqualTo("Task_PrepareImage");
    assertThat(outcome.complete()).isTrue();
    assertLeftNoTrace(outcome, before);
  }

  @Test
  void aRehearsalThatEscalatesLeavesNeitherTheEscalationNorItsNotifications() throws IOException {
    Visible before = visible();

    // host "impostor" is the test daemon under another expected name: "Check host identity" escalates to the mayor
    DeployRehearsal.Outcome outcome = rehearsal.rehearse("impostor", SERVICE).orElseThrow();

    assertThat(outcome.steps()).contains("Task_CheckDockerDaemon").doesNotContain("Task_RecordPreviousImage");
    assertThat(outcome.failure()).contains("waits");
    assertThat(outcome.complete()).isFalse();
    assertLeftNoTrace(outcome, before);
  }

  @Test
  void aRefusedRehearsalReportsTheRefusalAndLeavesNothing() throws IOException {
    Visible before = visible();

    DeployRehearsal.Outcome outcome = rehearsal.rehearse(HOST, "no-such-service").orElseThrow();

    assertThat(outcome.steps()).isEmpty();
    assertThat(outcome.stoppedAt()).isEqualTo("Task_ValidateRequest");
    assertThat(outcome.failure()).contains("service");
    assertThat(visible()).isEqualTo(before);
  }

  private void assertLeftNoTrace(DeployRehearsal.Outcome outcome, Visible before) throws IOException {
    String instance = outcome.processInstanceId();
    assertThat(instance).isNotNull();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricJobLogQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createUserOperationLogQuery().processInstanceId(instance).count()).isZero();
    assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).count()).isZero();
    assertThat(managementService.createJobQuery().processInstanceId(instance).count()).isZero();
    assertThat(taskService.createTaskQuery().processInstanceId(instance).count()).isZero();
    // whatever else it would have started (a notification's delivery) carried its requester
    assertThat(historyService.createHistoricVariableInstanceQuery().variableValueEquals("requester",
        DeployRehearsal.REHEARSER).count()).isZero();
    assertThat(visible()).isEqualTo(before);
  }

  private Visible visible() throws IOException {
    String container = dockerClients.execute(HOST, null, docker -> docker.listContainersCmd().withShowAll(true)
        .withNameFilter(List.of("mcd-ita-web")).exec().stream()
        .map(c -> c.getId() + " " + c.getState()).toList().toString());
    return new Visible(hostLocks.holders().toString(), hostLocks.waiters(HOST).toString(), container,
        logFilesNaming(DeployRehearsal.REHEARSER));
  }

  private static List<String> logFilesNaming(String text) throws IOException {
    Path logs = Path.of("target/audit-deploys");
    if (!Files.exists(logs)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(logs)) {
      return walk.filter(Files::isRegularFile).filter(path -> {
        try {
          return Files.readString(path).contains(text);
        } catch (IOException unreadable) {
          return false;
        }
      }).map(Path::toString).sorted().toList();
    }
  }

  /** The host's lock and queue, the service's container, the deploy logs that name the rehearser. */
  private record Visible(String holders, String waiters, String container, List<String> logFilesOfRehearser) {}
}
