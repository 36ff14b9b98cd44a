package com.mayorcrew.deploy.process;

import static com.mayorcrew.deploy.process.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.request.DeployRequestRejectedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path through canary-deploy, on the real engine, the real Docker engine and real files; jobs are driven
 * one by one. Class coverage of flow nodes and sequence flows must stay at 90% or more.
 */
@SpringBootTest(properties = "camunda.bpm.authorization.enabled=false")
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, CanaryDeployProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CanaryDeployProcessTest {

  private static final String V1 = "mcd-test/app:healthy-v1";
  private static final String V2 = "mcd-test/app:healthy-v2";

  @TestConfiguration
  static class Coverage {
    @Bean
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return new ProcessEngineCoverageProperties.Builder().assertClassCoverageAtLeast(0.9).build();
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ContainerService containers;
  @Autowired DockerClients dockerClients;

  ProcessDriver driver;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    driver = new ProcessDriver(runtimeService, managementService, identityService);
    for (String name : new String[] {"mcd-it-web", "mcd-it-quick", "mcd-it-secretive"}) {
      containers.removeContainer("local", name);
    }
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    BpmnAwareTests.reset();
  }

  @Test
  void happyPathReplacesTheContainerAndEndsWithTheCrewsStatusUpdate() throws Exception {
    ProcessInstance first = deployAndReachSmokeTest(V1);
    finishAsCrew(first);

    ProcessInstance second = deployAndReachSmokeTest(V2);
    assertThat(second).variables()
        .containsEntry(PREVIOUS_IMAGE, V1)
        .containsEntry(DEPLOY_IMAGE, V2)
        .containsEntry(CREW_ASSIGNEE, null);
    InspectContainerResponse container = inspect("mcd-it-web");
    assertThat(container.getConfig().getImage()).isEqualTo(V2);
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(container.getConfig().getLabels()).containsEntry("mcd.deploy-id", second.getBusinessKey());
    assertThat(task(second)).hasCandidateGroup("crew");

    finishAsCrew(second);
    assertThat(second).hasPassedInOrder("Task_ValidateRequest", "Task_CheckDockerDaemon", "Task_CheckHostIdentity",
        "Task_CheckSecrets", "Task_PrepareImage", "Task_RecordPreviousImage", "Task_ReplaceContainer",
        "Task_ProbeHealth", "Task_RecordMetadata", "Task_SmokeTest", "Task_PrepareStatusReport", "Task_StatusUpdate",
        "Task_PublishStatusReport", "EndEvent_DeployDone").isEnded();
    Map<String, Object> metadata = new ObjectMapper().readValue(Path.of(variable(second, METADATA_PATH)).toFile(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    assertThat(metadata).containsEntry("deploy_id", second.getBusinessKey()).containsEntry("result", "success")
        .containsEntry("image", V2).containsEntry("previous_image", V1).containsEntry("requested_by", "mayor")
        .containsEntry("container", "mcd-it-web").containsKeys("deployed_at", "gastown_ref", "gtruntime_ref", "branch");
    String report = variable(second, STATUS_REPORT);
    assertThat(report).startsWith("Status: done\n").contains("- Result: success", "- Host: local",
        "- Metadata: " + variable(second, METADATA_PATH), "smoke test: pass");
    assertThat(Files.readString(Path.of(variable(second, STATUS_REPORT_PATH)))).isEqualTo(report);
  }

  @Test
  void aServiceWithoutSmokeTestGoesStraightToTheStatusUpdate() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("quick", "local", V1));
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_StatusUpdate").hasNotPassed("Task_SmokeTest");
    assertThat((String) runtimeService.getVariable(deploy.getId(), "reportTests")).contains("smoke test: not required");
  }

  @Test
  void anUnreachableDaemonEscalatesAndAbortEndsTheDeployAsFailed() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("web", "unreachable", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "DOCKER_UNAVAILABLE", "Task_CheckDockerDaemon");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("unreachable", "mcd-no-daemon-here.sock");

    complete(task(deploy), withVariables(MAYOR_DECISION, "abort", MAYOR_NOTE, "host is down for maintenance"));
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Task_RecordFailedDeploy", "Task_PrepareFailureReport", "Task_PublishFailureReport")
        .isEnded().hasPassed("EndEvent_DeployFailed");
    assertThat(variable(deploy, DEPLOY_RESULT)).isEqualTo("failed");
    assertThat(variable(deploy, STATUS_REPORT)).contains("- Result: failed",
        "deploy aborted by the mayor: host is down for maintenance", "DOCKER_UNAVAILABLE at Check Docker daemon");
  }

  @Test
  void aDaemonThatIsNotTheNamedHostIsIdentityUnclearAndARetryChecksAgain() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("web", "impostor", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "HOST_IDENTITY_UNCLEAR", "Task_CheckHostIdentity");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("expected 'some-other-machine'");

    complete(task(deploy), withVariables(MAYOR_DECISION, "retry"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "HOST_IDENTITY_UNCLEAR", "Task_CheckHostIdentity");
    assertThat(containers.containersOf("local", deploy.getBusinessKey())).isEmpty();
    assertThat(variable(deploy, ESCALATION_LOG).lines()).hasSize(2);
  }

  @Test
  void aMissingSecretIsNamedAndNothingRuns() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("secretive", "local", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "SECRETS_MISSING", "Task_CheckSecrets");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("MCD_TEST_SECRET_NOBODY_SET");

    complete(task(deploy), withVariables(MAYOR_DECISION, "retry"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "SECRETS_MISSING", "Task_CheckSecrets");
    assertThat(containers.containersOf("local", deploy.getBusinessKey())).isEmpty();
  }

  @Test
  void anImageThatCannotBePulledEscalates() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("web", "local", "mcd-test/app:no-such-tag"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "IMAGE_UNAVAILABLE", "Task_PrepareImage");

    complete(task(deploy), withVariables(MAYOR_DECISION, "retry"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "IMAGE_UNAVAILABLE", "Task_PrepareImage");
  }

  @Test
  void anUnhealthyContainerEscalatesWithEvidenceAndARetryVerifiesAgain() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("web", "local", "mcd-test/app:unhealthy"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "HEALTH_CHECK_FAILED", "Task_ProbeHealth");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("mcd-it-web", "unhealthy");
    assertThat(variable(deploy, ESCALATION_EVIDENCE)).contains("probe HTTP 200");

    complete(task(deploy), withVariables(MAYOR_DECISION, "retry"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "HEALTH_CHECK_FAILED", "Task_ProbeHealth");
  }

  @Test
  void aContainerThatIsNotHealthyByTheDeadlineFails() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("web", "local", V1));
    managementService.executeJob(job(deploy)); // validate -> prechecks
    for (int i = 0; i < 6; i++) {
      managementService.executeJob(job(deploy)); // prechecks, image, previous image, replace
    }
    assertThat(deploy).isWaitingAt("Task_ProbeHealth");
    managementService.executeJob(job(deploy)); // first probe fixes the deadline, right after start: not healthy yet
    assertThat(deploy).isWaitingAt("Timer_NextProbe");
    ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 60_000));
    managementService.executeJob(job(deploy)); // timer
    managementService.executeJob(job(deploy)); // probe after the deadline
    assertEscalated(deploy, "HEALTH_CHECK_FAILED", "Task_ProbeHealth");
  }

  @Test
  void aFailedSmokeTestEscalatesAndARetryAsksTheCrewAgain() throws Exception {
    ProcessInstance deploy = deployAndReachSmokeTest(V1);
    complete(task(deploy), withVariables(WEB_UI_LOADS, true, DASHBOARD_LOADS, false, SMOKE_TEST_NOTES, "404 on /dashboard"));
    assertEscalated(deploy, "SMOKE_TEST_FAILED", "Task_SmokeTest");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("dashboard does not load");

    complete(task(deploy), withVariables(MAYOR_DECISION, "retry"));
    assertThat(deploy).isWaitingAt("Task_SmokeTest");
    finishAsCrew(deploy);
  }

  @Test
  void aBadRequestIsRefusedNamingEachFieldAndCreatesNothing() {
    Map<String, Object> request = ProcessDriver.request("nope", "local", V1);
    request.put(PRIORITY, "P9");
    request.put(GASTOWN_REF, "main; rm -rf /");
    request.remove(TITLE);
    long instancesBefore = historyService.createHistoricProcessInstanceQuery().count();
    int containersBefore = testContainers().size();

    assertThatThrownBy(() -> driver.start("mayor", request))
        .isInstanceOf(DeployRequestRejectedException.class)
        .hasMessageContaining("title: is required")
        .hasMessageContaining("priority: must be one of P0, P1, P2")
        .hasMessageContaining("service: must be one of")
        .hasMessageContaining("gastownRef: must be a 7-40 character hex commit SHA");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    assertThat(historyService.createHistoricVariableInstanceQuery().variableValueEquals(PRIORITY, "P9").count()).isZero();
    assertThat(testContainers()).hasSize(containersBefore);
  }

  @Test
  void anUnauthenticatedRequestIsRefused() {
    identityService.clearAuthentication();
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(PROCESS_KEY, ProcessDriver.request("web", "local", V1)))
        .isInstanceOf(DeployRequestRejectedException.class).hasMessageContaining("requester");
  }

  private ProcessInstance deployAndReachSmokeTest(String image) throws InterruptedException {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("web", "local", image));
    assertThat(deploy).isStarted().hasBusinessKey(variable(deploy, DEPLOY_ID));
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_SmokeTest");
    assertThat(deploy).variables().containsEntry(DEPLOY_RESULT, "success").containsEntry(HEALTH_VERDICT, "healthy");
    return deploy;
  }

  private void finishAsCrew(ProcessInstance deploy) throws InterruptedException {
    complete(task(deploy), withVariables(WEB_UI_LOADS, true, DASHBOARD_LOADS, true));
    assertThat(deploy).isWaitingAt("Task_StatusUpdate");
    assertThat(deploy).variables().containsEntry("reportResult", "success").containsEntry("reportStatus", "done");
    complete(task(deploy));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded();
  }

  private void assertEscalated(ProcessInstance deploy, String reason, String step) {
    assertThat(deploy).isWaitingAt("Task_MayorEscalation");
    assertThat(task(deploy)).hasCandidateGroup("mayor");
    assertThat(deploy).variables().containsEntry(ESCALATION_REASON, reason).containsEntry(ESCALATION_STEP, step);
  }

  private String job(ProcessInstance deploy) {
    return managementService.createJobQuery().processInstanceId(deploy.getId()).singleResult().getId();
  }

  private String variable(ProcessInstance deploy, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(deploy.getId())
        .variableName(name).singleResult();
    return variable == null ? null : (String) variable.getValue();
  }

  /** This test class's containers (other test classes may use the same daemon at the same time). */
  private java.util.List<com.github.dockerjava.api.model.Container> testContainers() {
    return dockerClients.forHost("local").listContainersCmd().withShowAll(true)
        .withNameFilter(java.util.List.of("^/mcd-it-")).exec();
  }

  private InspectContainerResponse inspect(String name) {
    return dockerClients.forHost("local").inspectContainerCmd(name).exec();
  }
}
