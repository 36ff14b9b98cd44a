package com.mayorcrew.deploy.process;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.docker.ContainerRef;
import com.mayorcrew.deploy.docker.ContainerService;
import com.mayorcrew.deploy.docker.DockerClients;
import com.mayorcrew.deploy.docker.FreezableDockerEngine;
import com.mayorcrew.deploy.escalation.EscalationProperties;
import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.health.ContainerHealthEvents;
import com.mayorcrew.deploy.hostlock.HostLocks;
import com.mayorcrew.deploy.observability.PrometheusSamples;
import com.mayorcrew.deploy.request.DeployRequestTemplate;
import com.mayorcrew.deploy.rollback.RollbackRequests;
import com.mayorcrew.deploy.scripts.ScriptProcess;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Every path through canary-deploy, on the real engine, the real Docker engine and real files; jobs are driven
 * one by one and deadlines by the engine clock. Class coverage of flow nodes and sequence flows must stay at 90%
 * or more.
 */
@SpringBootTest(properties = "camunda.bpm.authorization.enabled=false")
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, CanaryDeployProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class CanaryDeployProcessTest {

  private static final String V1 = "mcd-test/app:healthy-v1";
  private static final String V2 = "mcd-test/app:healthy-v2";
  private static final String UNHEALTHY = "mcd-test/app:unhealthy";
  /** A memory limit for a running container, and a process that needs more: tail buffers the "line" it reads. */
  private static final long OOM_LIMIT = 16L * 1024 * 1024;
  /**
   * Allocates until the container's memory limit, as the kernel's first choice for the OOM kill (its oom_score_adj
   * raised to the maximum, which needs no privilege): without it the kernel once killed the web server instead.
   */
  private static final String MEMORY_HOG = "echo 1000 > /proc/self/oom_score_adj && head -c 256m /dev/zero | tail";
  /**
   * Fills the memory with files in /dev/shm (charged to the container, owned by no process), with the container's
   * init as the kernel's first choice: the OOM kill takes the container down.
   */
  private static final String MAIN_PROCESS_OOM =
      "echo 1000 > /proc/1/oom_score_adj && head -c 60m /dev/zero > /dev/shm/fill";
  private static final List<String> CONTAINERS = List.of("mcd-it-web", "mcd-it-quick", "mcd-it-stack",
      "mcd-it-secretive",
      "mcd-it-broken", "mcd-it-gh", "mcd-it-gh-production", "mcd-it-gastown", "mcd-it-wf", "mcd-it-script", "mcd-it-slowscript",
      "mcd-it-evented", "mcd-it-evented-unprobed");
  private static final String REPO = "/repos/mayor/gastown";
  private static final String SHA = "c81dc018996b37716efe37cacb6a9065820a0386";
  private static final String OTHER_SHA = "feedfacefeedfacefeedfacefeedfacefeedface";
  /** GitHub's REST API, played by a local server speaking its wire format. */
  private static final FakeGitHub GITHUB = startGitHub();

  private static FakeGitHub startGitHub() {
    try {
      return new FakeGitHub();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void gitHubBaseUrl(DynamicPropertyRegistry registry) {
    registry.add("mcd.github.base-url", GITHUB::baseUrl);
    registry.add("mcd.github.request-timeout", () -> "2s");
  }

  @TestConfiguration
  static class Coverage {
    /** Primary: ProcessEngineCoverageConfiguration defines a default one, and the listener wants exactly one. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties processEngineCoverageProperties() {
      return new ProcessEngineCoverageProperties.Builder().assertClassCoverageAtLeast(0.95).build();
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Value("${MCD_TEST_APP_TOKEN}") String appToken;
  @Autowired ContainerService containers;
  @Autowired DockerClients dockerClients;
  @Autowired RollbackRequests rollbackRequests;
  @Autowired HostLocks hostLocks;
  @Autowired EscalationProperties escalationProperties;
  @Autowired ContainerHealthEvents healthEvents;
  @Autowired PrometheusMeterRegistry prometheus;

  ProcessDriver driver;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    driver = new ProcessDriver(runtimeService, managementService, identityService);
    CONTAINERS.forEach(name -> containers.removeContainer("local", name));
    GITHUB.reset();
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    // Deleting runs the end listener, as a cancellation in Cockpit does: host locks go with the instances.
    runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).list()
        .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "test cleanup"));
    BpmnAwareTests.reset();
  }

  // ------------------------------------------------------------------ success

  @Test
  void happyPathReplacesTheContainerAndEndsWithTheCrewsStatusUpdate() throws Exception {
    PrometheusSamples before = PrometheusSamples.of(prometheus);
    ProcessInstance first = deployAndReachSmokeTest("web", V1);
    finishAsCrew(first);

    ProcessInstance second = deployAndReachSmokeTest("web", V2);
    assertThat(second).variables().containsEntry(PREVIOUS_IMAGE, V1).containsEntry(DEPLOY_IMAGE, V2);
    InspectContainerResponse container = inspect("mcd-it-web");
    assertThat(container.getConfig().getImage()).isEqualTo(V2);
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(container.getConfig().getLabels()).containsEntry("mcd.deploy-id", second.getBusinessKey());
    assertThat(task(second)).isAssignedTo("ptilopsis").hasCandidateGroupAssociated("crew");

    finishAsCrew(second);
    assertThat(second).hasPassedInOrder("Task_ValidateRequest", "Task_AcquireCanaryHost",
        "Event_GitHubPrechecksSkipped", "Task_CheckDockerDaemon",
        "Task_CheckHostIdentity", "Task_CheckSecrets", "Task_RecordPreviousImage", "Task_PrepareImage",
        "Task_ReplaceContainer", "Task_ProbeHealth", "Task_RecordMetadata", "Task_SmokeTest",
        "Task_PrepareStatusReport", "Task_StatusUpdate", "Task_PublishStatusReport", "EndEvent_DeployDone").isEnded();
    Map<String, Object> metadata = metadata(second);
    assertThat(metadata).containsEntry("deploy_id", second.getBusinessKey()).containsEntry("result", "success")
        .containsEntry("image", V2).containsEntry("previous_image", V1).containsEntry("requested_by", "mayor")
        .containsEntry("container", "mcd-it-web").containsKeys("deployed_at", "gastown_ref", "gtruntime_ref", "branch");
    String report = variable(second, STATUS_REPORT);
    assertThat(report).startsWith("Status: done\n").contains("- Result: success", "- Host: local",
        "GitHub prechecks skipped: no GitHub configuration for service web",
        "- Metadata: " + variable(second, METADATA_PATH), "smoke test: pass");
    assertThat(Files.readString(Path.of(variable(second, STATUS_REPORT_PATH)))).isEqualTo(report);
    assertThat(hostLocks.holder("local")).isEmpty();

    PrometheusSamples after = PrometheusSamples.of(prometheus);
    Map<String, String> webOnLocal = Map.of("service", "web", "host", "local", "environment", "canary");
    assertThat(after.since(before, "mcd_deploys_started_total", webOnLocal)).isEqualTo(2);
    Map<String, String> landed = new HashMap<>(webOnLocal);
    landed.put("result", "landed");
    assertThat(after.since(before, "mcd_deploys_ended_total", landed)).isEqualTo(2);
    assertThat(after.since(before, "mcd_deploy_duration_seconds_count", landed)).isEqualTo(2);
    assertThat(after.since(before, "mcd_deploy_duration_seconds_sum", landed)).isPositive();
    for (String phase : List.of("prechecks", "execution", "health", "crew")) {
      Map<String, String> phaseOfWeb = Map.of("service", "web", "result", "landed", "phase", phase);
      assertThat(after.since(before, "mcd_deploy_phase_duration_seconds_count", phaseOfWeb)).as(phase).isEqualTo(2);
      assertThat(after.since(before, "mcd_deploy_phase_duration_seconds_sum", phaseOfWeb)).as(phase).isPositive();
    }
    assertThat(after.since(before, "mcd_deploy_phase_duration_seconds_count", Map.of("phase", "rollback")))
        .isZero();

    // the operator's rollback script works after a docker-mode deploy: the application kept the state it reads
    ScriptProcess.Result rollback = ScriptProcess.run(Map.of("CANARY_STATE_DIR", "target/test-scripts/state",
        "DOCKER_HOST", System.getenv("DOCKER_HOST"), "APP_TOKEN", appToken), "canary-rollback.sh",
        "--container", "mcd-it-web", "--health-timeout", "30");
    assertThat(rollback.exitCode()).as(rollback.output()).isZero();
    assertThat(rollback.json()).containsEntry("result", "rolled_back").containsEntry("image", V1);
    assertThat(inspect("mcd-it-web").getConfig().getEnv()).contains("APP_TOKEN=" + appToken, "PORT=18201");
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void aServiceWithoutSmokeTestGoesStraightToTheStatusUpdate(CapturedOutput output) throws Exception {
    Map<String, Object> request = ProcessDriver.request("quick", "local", V1);
    request.put(GTRUNTIME_REF, "HEAD (mounted at /gt)"); // as the seed's example request writes it
    ProcessInstance deploy = driver.start("mayor", request);
    driver.runJobs(deploy);
    // The log lines of a deploy's steps carry its id and the step (the engine's logging context, in the pattern).
    assertThat(output.getOut().lines().filter(line -> line.contains("container mcd-it-quick of service 'quick'")))
        .isNotEmpty().allSatisfy(line -> assertThat(line)
            .contains("[" + deploy.getBusinessKey() + "/Task_ReplaceContainer]"));
    assertThat(deploy).isWaitingAt("Task_StatusUpdate").hasNotPassed("Task_SmokeTest");
    assertThat((String) runtimeService.getVariable(deploy.getId(), "reportTests")).contains("smoke test: not required");
    assertThat(deploy).variables().containsEntry(GTRUNTIME_REF, "HEAD")
        .containsEntry(GTRUNTIME_REF_REMARK, "mounted at /gt");
    assertThat((String) runtimeService.getVariable(deploy.getId(), "reportCommits"))
        .contains("GTRuntime HEAD (mounted at /gt)");
  }

  // ------------------------------------------------------------------ prechecks and the mayor

  @Test
  void aHostOfferingOnlySudoIsDeployedToThroughSudoDockerDialStdioOverSsh() throws Exception {
    Map<String, Object> request = ProcessDriver.request("quick", "ssh-sudo", V1);
    request.put(DOCKER_ACCESS, "sudo");
    ProcessInstance deploy = driver.start("mayor", request);
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_StatusUpdate").hasPassed("Task_CheckHostIdentity", "Task_ReplaceContainer");
    assertThat(inspect("mcd-it-quick").getConfig().getImage()).isEqualTo(V1);
  }

  @Test
  void aLoginUserWithoutTheSudoRuleEscalatesPermissionDeniedNotUnreachable() throws Exception {
    Map<String, Object> request = ProcessDriver.request("web", "ssh-denied", V1);
    request.put(DOCKER_ACCESS, "sudo");
    ProcessInstance deploy = driver.start("mayor", request);
    driver.runJobs(deploy);
    assertEscalated(deploy, "DOCKER_UNAVAILABLE", "Task_CheckDockerDaemon");
    assertThat(variable(deploy, ESCALATION_DETAIL))
        .contains("via sudo): permission denied: sudo: a password is required");
    assertThat(variable(deploy, ESCALATION_EVIDENCE)).contains("what to do: grant the access");
  }

  @Test
  void anUnreachableDaemonEscalatesAndAbortEndsTheDeployAsFailed() throws Exception {
    PrometheusSamples before = PrometheusSamples.of(prometheus);
    ProcessInstance deploy = start("web", "unreachable", V1);
    driver.runJobs(deploy);
    assertEscalated(deploy, "DOCKER_UNAVAILABLE", "Task_CheckDockerDaemon");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("unreachable", "mcd-no-daemon-here.sock");
    assertThat(PrometheusSamples.of(prometheus).since(before, "mcd_escalations_total",
        Map.of("reason", "DOCKER_UNAVAILABLE", "tier", "mayor"))).isEqualTo(1);
    assertThat(PrometheusSamples.of(prometheus).value("mcd_tasks_open", Map.of("group", "mayor"))).isPositive();

    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("unreachable: socket missing", "mcd-no-daemon-here.sock");

    decideAsMayor(deploy, "abort", "host is down for maintenance");
    assertThat(PrometheusSamples.of(prometheus).since(before, "mcd_deploys_ended_total",
        Map.of("service", "web", "host", "unreachable", "result", "failed"))).isEqualTo(1);
    assertThat(deploy).hasPassed("Task_CleanUpDeploy", "Task_RecordFailedDeploy", "Task_PublishFinalReport")
        .isEnded().hasPassed("EndEvent_DeployFailed");
    assertThat(variable(deploy, DEPLOY_RESULT)).isEqualTo("failed");
    assertThat(variable(deploy, STATUS_REPORT)).contains("- Result: failed",
        "aborted by the mayor after DOCKER_UNAVAILABLE: host is down for maintenance",
        "DOCKER_UNAVAILABLE at Check Docker daemon");
  }

  @Test
  void identityUnclearIsRetriedThenForwardedAndTheHumansAbort() throws Exception {
    ProcessInstance deploy = start("web", "impostor", V1);
    driver.runJobs(deploy);
    assertEscalated(deploy, "HOST_IDENTITY_UNCLEAR", "Task_CheckHostIdentity");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("expected 'some-other-machine'");

    decideAsMayor(deploy, "retry", null);
    assertEscalated(deploy, "HOST_IDENTITY_UNCLEAR", "Task_CheckHostIdentity");
    assertThat(variable(deploy, ESCALATION_LOG).lines()).hasSize(2);

    complete(task(deploy), withVariables(MAYOR_DECISION, "forward", HUMAN_REASON, "HOST_OWNERSHIP_OR_SECURITY",
        MAYOR_NOTE, "who owns this box?"));
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_HumanDecision");
    assertThat(task(deploy)).hasCandidateGroup("humans");
    assertThat(deploy).variables().containsEntry(FORWARDED_BY, "mayor");
    assertThat(variable(deploy, DEPLOY_HISTORY)).contains("Check canary host identity", "Resolve escalation");

    complete(task(deploy), withVariables(HUMAN_DECISION, "abort", HUMAN_NOTE, "not our host"));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployFailed");
    assertThat(containers.containersOf("local", deploy.getBusinessKey())).isEmpty();
    assertThat(variable(deploy, FAILURE_REASON)).isEqualTo("aborted by the humans after HOST_IDENTITY_UNCLEAR: not our host");
  }

  @Test
  void aMissingSecretIsNamedAndAMayorsRollbackHasNothingToUndo() throws Exception {
    ProcessInstance deploy = start("secretive", "local", V1);
    driver.runJobs(deploy);
    assertEscalated(deploy, "SECRETS_MISSING", "Task_CheckSecrets");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("MCD_TEST_SECRET_NOBODY_SET");

    decideAsMayor(deploy, "retry", null);
    assertEscalated(deploy, "SECRETS_MISSING", "Task_CheckSecrets");
    decideAsMayor(deploy, "rollback", "give up for today");
    assertThat(deploy).isEnded().hasPassed("SubProcess_Rollback", "EndEvent_DeployRolledBack")
        .hasNotPassed("Task_ProbeRolledBackContainer");
    assertThat(variable(deploy, STATUS_REPORT)).contains("- Result: rolled_back", "the host was not changed");
    assertThat(testContainers()).isEmpty();
  }

  @Test
  void anImageThatCannotBePulledEscalatesAndARetryResumesThere() throws Exception {
    ProcessInstance deploy = start("web", "local", "mcd-test/app:no-such-tag");
    driver.runJobs(deploy);
    assertEscalated(deploy, "IMAGE_UNAVAILABLE", "Task_PrepareImage");
    decideAsMayor(deploy, "retry", null);
    assertEscalated(deploy, "IMAGE_UNAVAILABLE", "Task_PrepareImage");
  }

  // ------------------------------------------------------------------ health and rollback

  @Test
  void anUnhealthyContainerIsRolledBackAndThePreviousContainerIsHealthyAgain() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    PrometheusSamples before = PrometheusSamples.of(prometheus);
    ProcessInstance deploy = start("web", "local", UNHEALTHY);
    driver.runJobs(deploy);
    PrometheusSamples after = PrometheusSamples.of(prometheus);
    assertThat(after.since(before, "mcd_rollbacks_total", Map.of("trigger", "health_failed"))).isEqualTo(1);
    assertThat(after.since(before, "mcd_rollbacks_total", Map.of())).isEqualTo(1);
    assertThat(after.since(before, "mcd_deploys_ended_total", Map.of("service", "web", "result", "rolled_back")))
        .isEqualTo(1);
    assertThat(after.since(before, "mcd_deploy_phase_duration_seconds_count",
        Map.of("service", "web", "result", "rolled_back", "phase", "rollback"))).isEqualTo(1);

    assertThat(deploy).isEnded().hasPassed("Boundary_HealthFailed", "Task_RecreatePreviousContainer",
        "Task_ProbeRolledBackContainer", "Task_RecordRolledBackDeploy", "EndEvent_DeployRolledBack");
    InspectContainerResponse container = inspect("mcd-it-web");
    assertThat(container.getConfig().getImage()).isEqualTo(V1);
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(metadata(deploy)).containsEntry("result", "rolled_back").containsEntry("previous_image", V1);
    assertThat(variable(deploy, STATUS_REPORT)).contains("- Result: rolled_back", "health checks failed",
        "rolled back to " + V1);
  }

  @Test
  void anUnhealthyFirstDeployCannotRollBackAndEscalatesThenAbortRemovesItsContainer() throws Exception {
    ProcessInstance deploy = start("web", "local", UNHEALTHY);
    driver.runJobs(deploy);
    assertEscalated(deploy, "ROLLBACK_FAILED", "Task_RecreatePreviousContainer");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("no previous image");
    assertThat(variable(deploy, ESCALATION_EVIDENCE)).contains("health checks failed", "unhealthy");

    decideAsMayor(deploy, "retry", null);
    assertEscalated(deploy, "ROLLBACK_FAILED", "Task_RecreatePreviousContainer");
    assertThat(testContainers()).hasSize(1);

    decideAsMayor(deploy, "abort", "first deploy is broken");
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployFailed");
    assertThat(testContainers()).isEmpty();
  }

  @Test
  void aContainerThatIsNotHealthyByTheDeadlineIsRolledBack() throws Exception {
    ProcessInstance deploy = start("web", "local", V1);
    while (managementService.createJobQuery().processInstanceId(deploy.getId()).activityId("Timer_NextProbe").count() == 0) {
      managementService.executeJob(managementService.createJobQuery().processInstanceId(deploy.getId()).list().get(0).getId());
    }
    ClockUtil.setCurrentTime(new java.util.Date(System.currentTimeMillis() + 60_000));
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Boundary_HealthFailed");
    assertEscalated(deploy, "ROLLBACK_FAILED", "Task_RecreatePreviousContainer");
    assertThat(variable(deploy, ROLLBACK_REASON)).contains("not healthy within 30 s");
  }

  @Test
  void aFailedSmokeTestRollsBack() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    ProcessInstance deploy = deployAndReachSmokeTest("web", V2);
    complete(task(deploy), withVariables(WEB_UI_LOADS, true, DASHBOARD_LOADS, false, SMOKE_TEST_NOTES, "404 on /dashboard"));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("Task_RecordSmokeTestFailure", "EndEvent_DeployRolledBack");
    assertThat(variable(deploy, ROLLBACK_REASON)).contains("dashboard does not load", "404 on /dashboard");
    assertThat(inspect("mcd-it-web").getConfig().getImage()).isEqualTo(V1);
  }

  @Test
  void rollBackNowWorksMidHealthWaitAndIsRecordedWithWhoAndWhy() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    ProcessInstance deploy = start("web", "local", V2);
    while (managementService.createJobQuery().processInstanceId(deploy.getId()).activityId("Timer_NextProbe").count() == 0) {
      managementService.executeJob(managementService.createJobQuery().processInstanceId(deploy.getId()).list().get(0).getId());
    }
    assertThat(rollbackRequests.request(deploy.getBusinessKey(), "mayor2", "metrics look wrong").accepted()).isTrue();
    driver.runJobs(deploy);

    assertThat(deploy).isEnded().hasPassed("Boundary_RollbackNowDeploy", "EndEvent_DeployRolledBack");
    assertThat(variable(deploy, ROLLBACK_REQUESTED_BY)).isEqualTo("mayor2");
    assertThat(variable(deploy, STATUS_REPORT)).contains("roll back now requested by mayor2: metrics look wrong");
    assertThat(inspect("mcd-it-web").getConfig().getImage()).isEqualTo(V1);
    assertThat(rollbackRequests.request(deploy.getBusinessKey(), "mayor2", "again").accepted()).isFalse();
  }

  @Test
  void anEndedDeployIsRolledBackByARollbackDeployOneDeployAtATime() throws Exception {
    ProcessInstance d0 = landed("stack", "mcd-test/app:healthy");
    ProcessInstance d1 = landed("stack", V1);
    ProcessInstance d2 = landed("stack", V2);

    assertThat(rollBackAsMayor2(d1).refusal()).contains("is not the current deploy of its service on its host; that is "
        + d2.getBusinessKey() + " (image " + V2 + ")");
    RollbackRequests.Outcome first = rollBackAsMayor2(d2);
    assertThat(first.accepted()).isTrue();
    ProcessInstance r1 = finishRollbackDeploy(first.rollbackDeployId());
    assertThat(inspect("mcd-it-stack").getConfig().getImage()).isEqualTo(V1);
    assertThat(metadata(r1)).containsEntry("image", V1).containsEntry("rollback_of", d2.getBusinessKey())
        .containsEntry("requested_by", "mayor2").containsEntry("result", "success");
    assertThat(variable(r1, TITLE)).isEqualTo("Roll back " + d2.getBusinessKey() + " to " + d1.getBusinessKey());

    assertThat(rollBackAsMayor2(r1).refusal()).contains("that is " + d1.getBusinessKey());
    ProcessInstance r2 = finishRollbackDeploy(rollBackAsMayor2(d1).rollbackDeployId());
    assertThat(inspect("mcd-it-stack").getConfig().getImage()).isEqualTo("mcd-test/app:healthy");
    assertThat(inspect("mcd-it-stack").getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(metadata(r2)).containsEntry("rollback_of", d1.getBusinessKey());
    assertThat(rollBackAsMayor2(d0).refusal()).contains("has no earlier deploy on its host to go back to");
  }

  @Test
  void aRollbackDeployMustRestoreTheImageOfTheDeployBefore() throws Exception {
    landed("stack", V1);
    ProcessInstance d2 = landed("stack", V2);
    Map<String, Object> forged = ProcessDriver.request("stack", "local", UNHEALTHY);
    forged.put(ROLLBACK_OF, d2.getBusinessKey());
    assertThatThrownBy(() -> driver.start("mayor", forged)).isInstanceOf(DeployRequestRejectedException.class)
        .hasMessageContaining("rollbackOf").hasMessageContaining("restores image " + V1);
  }

  /** A deploy of the service that landed: started, healthy, status update sent. */
  private ProcessInstance landed(String service, String image) throws InterruptedException {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request(service, "local", image));
    driver.runJobs(deploy);
    complete(task(deploy));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployDone");
    return deploy;
  }

  private RollbackRequests.Outcome rollBackAsMayor2(ProcessInstance deploy) {
    identityService.setAuthenticatedUserId("mayor2");
    try {
      return rollbackRequests.request(deploy.getBusinessKey(), "mayor2", "the dashboard is slower");
    } finally {
      identityService.clearAuthentication();
    }
  }

  private ProcessInstance finishRollbackDeploy(String deployId) throws InterruptedException {
    ProcessInstance deploy = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(deployId)
        .singleResult();
    driver.runJobs(deploy);
    complete(task(deploy));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployDone");
    return deploy;
  }

  @Test
  void rollBackNowReachesTheCrewsTasksAndTheEscalationTasks() throws Exception {
    ProcessInstance atStatusUpdate = start("quick", "local", V1);
    driver.runJobs(atStatusUpdate);
    assertThat(rollbackRequests.request(atStatusUpdate.getBusinessKey(), "mayor", "wrong ref").accepted()).isTrue();
    driver.runJobs(atStatusUpdate);
    assertThat(atStatusUpdate).hasPassed("Boundary_RollbackNowStatusUpdate");
    assertEscalated(atStatusUpdate, "ROLLBACK_FAILED", "Task_RecreatePreviousContainer");

    assertThat(rollbackRequests.request(atStatusUpdate.getBusinessKey(), "mayor", "still").accepted()).isTrue();
    assertThat(atStatusUpdate).hasPassed("Boundary_RollbackNowMayor");
    driver.runJobs(atStatusUpdate);
    complete(task(atStatusUpdate), withVariables(MAYOR_DECISION, "forward", HUMAN_REASON, "INFRASTRUCTURE_ACCESS"));
    driver.runJobs(atStatusUpdate);
    assertThat(rollbackRequests.request(atStatusUpdate.getBusinessKey(), "mayor", "humans too").accepted()).isTrue();
    assertThat(atStatusUpdate).hasPassed("Boundary_RollbackNowHuman");
  }

  @Test
  void rollBackNowDuringTheSmokeTest() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    ProcessInstance deploy = deployAndReachSmokeTest("web", V2);
    assertThat(rollbackRequests.request(deploy.getBusinessKey(), "mayor", "bad release notes").accepted()).isTrue();
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("Boundary_RollbackNowSmokeTest", "EndEvent_DeployRolledBack");
  }

  @Test
  void aRollbackFindsTheDeploysContainerOnTheDaemonWhenItsVariablesWereLost() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    ProcessInstance deploy = deployAndReachSmokeTest("web", V2);
    // as after a crash between creating the container and recording it
    runtimeService.removeVariable(deploy.getId(), CONTAINER_ID);
    assertThat(rollbackRequests.request(deploy.getBusinessKey(), "mayor", "lost track of it").accepted()).isTrue();
    driver.runJobs(deploy);

    assertThat(deploy).isEnded().hasPassed("Task_ProbeRolledBackContainer", "EndEvent_DeployRolledBack");
    assertThat(inspect("mcd-it-web").getConfig().getImage()).isEqualTo(V1);
    assertThat(containers.containersOf("local", deploy.getBusinessKey())).isEmpty();
  }

  // ------------------------------------------------------------------ a daemon that never answers

  @Test
  void aFrozenDaemonEscalatesWithinTheCallTimeoutAndARetryAfterItThawsFinishesTheDeploy() throws Exception {
    // host "freezable" is the second test engine with a 2 s call-timeout; the shared engine is never frozen
    containers.removeContainer("freezable", "mcd-it-freezable");
    try {
      ProcessInstance first = start("freezable", "freezable", V1);
      driver.runJobs(first);
      complete(task(first));
      driver.runJobs(first);
      assertThat(first).isEnded();

      ProcessInstance deploy = start("freezable", "freezable", V2);
      for (String step : List.of("Task_CheckDockerDaemon", "Task_ReplaceContainer")) {
        String job = runUntilJobAt(deploy, step);
        FreezableDockerEngine.freeze();
        long started = System.nanoTime();
        managementService.executeJob(job);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("frozen daemon at %s: escalated after %d ms%n", step, millis);
        assertThat(millis).isBetween(2_000L, 4_500L);
        assertEscalated(deploy, "DOCKER_UNAVAILABLE", step);
        assertThat(variable(deploy, ESCALATION_DETAIL)).contains("host 'freezable'", "timeout: no answer within 2.0 s");
        assertThat(variable(deploy, ESCALATION_EVIDENCE)).contains("call: GET /", "unanswered for",
            "endpoint: " + FreezableDockerEngine.dockerHost(), "of a 2.0 s deadline");
        FreezableDockerEngine.thaw();
        complete(task(deploy), withVariables(MAYOR_DECISION, "retry"));
      }
      driver.runJobs(deploy);
      assertThat(deploy).isWaitingAt("Task_StatusUpdate");
      assertThat(containers.containersOf("freezable", deploy.getBusinessKey())).singleElement()
          .satisfies(container -> assertThat(container.image()).isEqualTo(V2));
      assertThat(containers.currentContainer("freezable", "freezable", "canary").map(ContainerRef::image)).contains(V2);
    } finally {
      FreezableDockerEngine.thaw();
      containers.removeContainer("freezable", "mcd-it-freezable");
    }
  }

  /** Runs the deploy's jobs one by one until its next job is the one of {@code activityId}; returns that job. */
  private String runUntilJobAt(ProcessInstance deploy, String activityId) {
    for (int executed = 0; executed < 50; executed++) {
      var target = managementService.createJobQuery().processInstanceId(deploy.getId()).activityId(activityId)
          .singleResult();
      if (target != null) {
        return target.getId();
      }
      managementService.executeJob(managementService.createJobQuery().processInstanceId(deploy.getId())
          .executable().orderByJobDuedate().asc().list().get(0).getId());
    }
    throw new AssertionError("no job at " + activityId);
  }

  // ------------------------------------------------------------------ deadlines

  @Test
  void theMayorIsRemindedAndTheDeadlineForwardsToTheHumansWhoseDeadlineAppliesTheSafeDefault() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    PrometheusSamples before = PrometheusSamples.of(prometheus);
    ProcessInstance deploy = start("web", "local", "mcd-test/app:no-such-tag");
    driver.runJobs(deploy);
    assertEscalated(deploy, "IMAGE_UNAVAILABLE", "Task_PrepareImage");

    driver.fireTimer(deploy, "Timer_MayorReminder");
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Task_RemindMayor", "EndEvent_Reminded").isWaitingAt("Task_MayorEscalation");
    assertThat(deploy).variables().containsEntry(MAYOR_REMINDERS, 1);

    driver.fireTimer(deploy, "Timer_MayorDeadline");
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Task_ForwardOnDeadline").isWaitingAt("Task_HumanDecision");
    assertThat(deploy).variables().containsEntry(FORWARDED_BY, "deadline")
        .containsEntry(HUMAN_REASON, "MAYOR_DEADLINE_PASSED");

    driver.fireTimer(deploy, "Timer_HumanDeadline");
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Task_ApplySafeDefault", "SubProcess_Rollback").isEnded();
    assertThat(variable(deploy, HUMAN_NOTE)).contains("safe default roll back to " + V1);
    assertThat(inspect("mcd-it-web").getConfig().getImage()).isEqualTo(V1);
    PrometheusSamples after = PrometheusSamples.of(prometheus);
    assertThat(after.since(before, "mcd_deadlines_passed_total", Map.of("deadline", "Timer_MayorDeadline")))
        .isEqualTo(1);
    assertThat(after.since(before, "mcd_deadlines_passed_total", Map.of("deadline", "Timer_HumanDeadline")))
        .isEqualTo(1);
    assertThat(after.since(before, "mcd_safe_defaults_applied_total", Map.of())).isEqualTo(1);
    assertThat(after.since(before, "mcd_escalations_total", Map.of("reason", "MAYOR_DEADLINE_PASSED",
        "tier", "humans"))).isEqualTo(1);
    assertThat(after.since(before, "mcd_rollbacks_total", Map.of("trigger", "safe_default"))).isEqualTo(1);
  }

  @Test
  void withoutAPreviousImageTheHumansDeadlineAbortsAndLeavesTheHostAsItIs() throws Exception {
    ProcessInstance deploy = start("web", "local", UNHEALTHY);
    driver.runJobs(deploy);
    assertEscalated(deploy, "ROLLBACK_FAILED", "Task_RecreatePreviousContainer");
    complete(task(deploy), withVariables(MAYOR_DECISION, "forward", HUMAN_REASON, "PRODUCTION_WITHOUT_SAFE_ROLLBACK"));
    driver.runJobs(deploy);
    driver.fireTimer(deploy, "Timer_HumanDeadline");
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("Task_ApplySafeDefault", "EndEvent_DeployFailed");
    assertThat(testContainers()).hasSize(1);
  }

  @Test
  void theHumansApproveARetryOrRollBack() throws Exception {
    finishAsCrew(deployAndReachSmokeTest("web", V1));
    ProcessInstance deploy = start("web", "local", "mcd-test/app:no-such-tag");
    driver.runJobs(deploy);
    complete(task(deploy), withVariables(MAYOR_DECISION, "forward", HUMAN_REASON, "INFRASTRUCTURE_ACCESS"));
    driver.runJobs(deploy);
    complete(task(deploy), withVariables(HUMAN_DECISION, "retry"));
    driver.runJobs(deploy);
    assertEscalated(deploy, "IMAGE_UNAVAILABLE", "Task_PrepareImage");
    complete(task(deploy), withVariables(MAYOR_DECISION, "forward", HUMAN_REASON, "INFRASTRUCTURE_ACCESS"));
    driver.runJobs(deploy);
    complete(task(deploy), withVariables(HUMAN_DECISION, "rollback", HUMAN_NOTE, "enough"));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployRolledBack");
    assertThat(variable(deploy, ROLLBACK_REASON)).isEqualTo("the humans decided to roll back after IMAGE_UNAVAILABLE: enough");
  }

  // ------------------------------------------------------------------ crew and technical-fault deadlines

  @Test
  void aSmokeTestLeftOpenPastItsDeadlineEscalatesToTheMayorAndAbortReleasesTheHost() throws Exception {
    ProcessInstance deploy = deployAndReachSmokeTest("web", V1);
    Date dueAt = timerDue(deploy, "Timer_SmokeTestDeadline");
    assertThat(dueAt).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime()
        + escalationProperties.smokeTestDeadline().toMillis()), 60_000);
    assertThat(task(deploy).getDueDate()).isCloseTo(dueAt, 1_000);
    ProcessInstance next = start("quick", "local", V2);
    driver.runJobs(next);
    assertThat(next).isWaitingAt("Gateway_WaitForHost");
    assertThat(next).variables().containsEntry(HOST_HOLDER, deploy.getBusinessKey()).containsKey(HOST_HOLDER_SINCE);
    assertThat((String) runtimeService.getVariable(next.getId(), HOST_QUEUE))
        .contains("waiting for canary host local: held by " + deploy.getBusinessKey() + " since ", "place 1 of 1");

    driver.fireTimer(deploy, "Timer_SmokeTestDeadline");
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Timer_SmokeTestDeadline");
    assertEscalated(deploy, "CREW_DID_NOT_FINISH", "Task_SmokeTest");
    assertThat(variable(deploy, ESCALATION_REASON_TEXT)).contains("crew did not finish");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("'Run smoke test' was not finished before its deadline",
        "canary host local");
    assertThat(variable(deploy, ESCALATION_LOG)).contains("CREW_DID_NOT_FINISH at Run smoke test");
    assertThat(hostLocks.holder("local")).hasValueSatisfying(holder ->
        assertThat(holder.deployId()).isEqualTo(deploy.getBusinessKey()));

    decideAsMayor(deploy, "abort", "the crew went home");
    assertThat(deploy).isEnded().hasPassed("Task_CleanUpDeploy", "EndEvent_DeployFailed");
    assertThat(variable(deploy, FAILURE_REASON)).isEqualTo("aborted by the mayor after CREW_DID_NOT_FINISH: the crew went home");
    driver.runJobs(next);
    assertThat(next).hasPassed("Event_HostReleased").isWaitingAt("Task_StatusUpdate");
    assertThat(next).variables().containsEntry(HOST_HOLDER, next.getBusinessKey());
  }

  @Test
  void theMayorExtendsAStatusUpdateLeftOpenAndTheCrewGetsItBackWithAFreshDeadline() throws Exception {
    ProcessInstance deploy = start("quick", "local", V1);
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_StatusUpdate");
    Date firstDeadline = timerDue(deploy, "Timer_StatusUpdateDeadline");
    driver.fireTimer(deploy, "Timer_StatusUpdateDeadline");
    driver.runJobs(deploy);
    assertEscalated(deploy, "CREW_DID_NOT_FINISH", "Task_StatusUpdate");

    decideAsMayor(deploy, "extend", "reminded the crew");
    assertThat(deploy).hasPassed("Gateway_GiveBack").isWaitingAt("Task_StatusUpdate");
    assertThat(task(deploy)).isAssignedTo("ptilopsis").hasCandidateGroupAssociated("crew");
    Date freshDeadline = timerDue(deploy, "Timer_StatusUpdateDeadline");
    assertThat(freshDeadline).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime()
        + escalationProperties.statusUpdateDeadline().toMillis()), 1_000).isAfter(firstDeadline);
    assertThat(task(deploy).getDueDate()).isCloseTo(freshDeadline, 1_000);

    complete(task(deploy));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployDone");
    assertThat(hostLocks.holder("local")).isEmpty();
  }

  @Test
  void extendAnswersOnlyACrewDeadlineAndTheHumansRetryGivesTheSmokeTestBack() throws Exception {
    ProcessInstance daemonDown = start("web", "unreachable", V1);
    driver.runJobs(daemonDown);
    assertEscalated(daemonDown, "DOCKER_UNAVAILABLE", "Task_CheckDockerDaemon");
    assertThatThrownBy(() -> complete(task(daemonDown), withVariables(MAYOR_DECISION, "extend")))
        .hasMessageContaining("'extend' gives a crew task back and answers only CREW_DID_NOT_FINISH");
    assertThatThrownBy(() -> complete(task(daemonDown), withVariables(MAYOR_DECISION, "forward")))
        .hasMessageContaining("humanReason");
    assertThat(daemonDown).isWaitingAt("Task_MayorEscalation");
    decideAsMayor(daemonDown, "retry", null);
    assertEscalated(daemonDown, "DOCKER_UNAVAILABLE", "Task_CheckDockerDaemon");
    decideAsMayor(daemonDown, "abort", null);

    ProcessInstance deploy = deployAndReachSmokeTest("web", V1);
    driver.fireTimer(deploy, "Timer_SmokeTestDeadline");
    driver.runJobs(deploy);
    complete(task(deploy), withVariables(MAYOR_DECISION, "forward", HUMAN_REASON, "HOST_OWNERSHIP_OR_SECURITY"));
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_HumanDecision");
    complete(task(deploy), withVariables(HUMAN_DECISION, "retry"));
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Gateway_GiveBack").isWaitingAt("Task_SmokeTest");
    finishAsCrew(deploy);
    assertThat(deploy).hasPassed("EndEvent_DeployDone");
  }

  @Test
  void aTechnicalFaultNobodyResolvesAbortsAtItsDeadlineLeavingTheHostAsItIsAndReleasingIt() throws Exception {
    ProcessInstance deploy = start("broken", "local", V1);
    driver.runJobs(deploy);
    assertThat(deploy).isWaitingAt("Task_ResolveTechnicalFault", "Task_ReplaceContainer");
    assertThat(timerDue(deploy, "Timer_FaultDeadline")).isCloseTo(new Date(ClockUtil.getCurrentTime().getTime()
        + escalationProperties.technicalFaultDeadline().toMillis()), 60_000);

    driver.fireTimer(deploy, "Timer_FaultDeadline");
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("Task_AbortOnFaultDeadline", "EndEvent_AbortAfterFault",
        "Task_RecordAbortedDeploy", "EndEvent_DeployAborted");
    assertThat(variable(deploy, FAILURE_REASON)).startsWith(
        "technical fault at Task_ReplaceContainer not resolved before its deadline: aborted, host left as it is");
    assertThat(metadata(deploy)).containsEntry("result", "failed");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(deploy.getId()).count()).isZero();
    assertThat(hostLocks.holder("local")).isEmpty();
  }

  private Date timerDue(ProcessInstance deploy, String timer) {
    return managementService.createJobQuery().processInstanceId(deploy.getId()).activityId(timer).singleResult()
        .getDuedate();
  }

  // ------------------------------------------------------------------ production

  @Test
  void productionNeedsALandedCanaryOfTheSameServiceAndCommitPastItsSoakTimeAndAHumanApproval() throws Exception {
    greenGitHub();
    GITHUB.onCommit(REPO, SHA, SHA).onCommit(REPO, OTHER_SHA, OTHER_SHA);
    dockerClients.forHost("local").tagImageCmd(V1, "mcd-test/app", "canary-" + SHA.substring(0, 12)).exec();
    Map<String, Object> production = ProcessDriver.request("gh", "local", "");
    production.put(ENVIRONMENT, "production");
    production.put(GASTOWN_REF, "refs/heads/canary"); // resolves to SHA: the gate compares commits, not text

    assertRefused(production, "no canary deploy of service gh at commit " + SHA + " is on record");

    Map<String, Object> canary = ProcessDriver.request("gh", "local", "");
    canary.put(GASTOWN_REF, SHA);
    ProcessInstance canaryDeploy = driver.start("mayor", canary);
    driver.runJobs(canaryDeploy);
    assertThat(canaryDeploy).isWaitingAt("Task_StatusUpdate"); // result success is recorded; it has not landed
    assertRefused(production, "has landed");
    complete(task(canaryDeploy));
    driver.runJobs(canaryDeploy);
    assertThat(canaryDeploy).isEnded().hasPassed("EndEvent_DeployDone");

    assertRefused(production, "its soak time of PT1H runs until"); // mcd.production.soak-time in the test profile
    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(61))));
    Map<String, Object> otherService = new HashMap<>(production);
    otherService.put(SERVICE, "wf");
    assertRefused(otherService, "no canary deploy of service wf at commit " + SHA);
    Map<String, Object> otherCommit = new HashMap<>(production);
    otherCommit.put(GASTOWN_REF, OTHER_SHA);
    assertRefused(otherCommit, "no canary deploy of service gh at commit " + OTHER_SHA);
    Map<String, Object> withoutGitHub = ProcessDriver.request("quick", "local", V1);
    withoutGitHub.put(ENVIRONMENT, "production");
    assertRefused(withoutGitHub, "service quick has no GitHub configuration");

    ProcessInstance refused = driver.start("mayor", production);
    driver.runJobs(refused);
    assertThat(refused).isWaitingAt("Task_ApproveProduction");
    assertThat(task(refused)).hasCandidateGroup("humans");
    complete(task(refused), withVariables(PRODUCTION_DECISION, "refuse", APPROVAL_NOTE, "not on a Friday"));
    driver.runJobs(refused);
    assertThat(refused).isEnded().hasPassed("EndEvent_DeployFailed");
    assertThat(variable(refused, FAILURE_REASON)).isEqualTo("production deploy refused by the humans: not on a Friday");

    ProcessInstance timedOut = driver.start("mayor", production);
    driver.runJobs(timedOut);
    driver.fireTimer(timedOut, "Timer_ApprovalDeadline");
    driver.runJobs(timedOut);
    assertThat(timedOut).isEnded().hasPassed("EndEvent_DeployFailed");

    ProcessInstance approved = driver.start("mayor", production);
    driver.runJobs(approved);
    complete(task(approved), withVariables(PRODUCTION_DECISION, "approve"));
    driver.runJobs(approved);
    ClockUtil.reset();
    assertThat(approved).isWaitingAt("Task_StatusUpdate");
    assertThat(approved).variables().containsEntry(CANARY_RECORD, canaryDeploy.getBusinessKey())
        .containsEntry("gastownSha", SHA);
    // production ran its own container from its own configuration; the canary's still runs
    assertThat(containers.currentContainer("local", "gh", "production").map(ContainerRef::name))
        .contains("mcd-it-gh-production");
    assertThat(dockerClients.forHost("local").inspectContainerCmd("mcd-it-gh-production").exec().getConfig().getEnv())
        .contains("PORT=18208");
    assertThat(dockerClients.forHost("local").inspectContainerCmd("mcd-it-gh").exec().getState().getRunning())
        .isTrue();
    complete(task(approved));
    driver.runJobs(approved);
    assertThat(approved).isEnded().hasPassed("EndEvent_DeployDone");
  }

  private void assertRefused(Map<String, Object> production, String reason) throws InterruptedException {
    ProcessInstance deploy = driver.start("mayor", production);
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("Task_CheckCanaryRecord", "Task_RecordFailedDeploy", "EndEvent_DeployFailed")
        .hasNotPassed("Task_AcquireCanaryHost");
    assertThat(variable(deploy, FAILURE_REASON)).startsWith("production deploy refused: ").contains(reason);
  }

  // ------------------------------------------------------------------ one deploy per host

  @Test
  void twoRequestsForOneHostRunOneAfterTheOtherAndACancelledDeployReleasesItsHost() throws Exception {
    ProcessInstance first = start("quick", "local", V1);
    ProcessInstance second = start("web", "local", V2);
    ProcessInstance third = start("quick", "local", V2);
    // Each joined the queue when its request was accepted: their jobs' order does not change who goes first.
    assertThat(hostLocks.waiting("local"))
        .containsExactly(first.getBusinessKey(), second.getBusinessKey(), third.getBusinessKey());
    driver.runJobs(third);
    driver.runJobs(second);
    driver.runJobs(first);
    assertThat(first).isWaitingAt("Task_StatusUpdate");
    assertThat(second).isWaitingAt("Gateway_WaitForHost");
    assertThat(third).isWaitingAt("Gateway_WaitForHost");
    assertThat(hostLocks.waiting("local")).containsExactly(second.getBusinessKey(), third.getBusinessKey());

    complete(task(first));
    driver.runJobs(first);
    assertThat(first).isEnded();
    driver.runJobs(third);
    assertThat(third).isWaitingAt("Gateway_WaitForHost");
    driver.runJobs(second);
    assertThat(second).hasPassed("Event_HostReleased").isWaitingAt("Task_SmokeTest");
    Instant secondCreated = Instant.parse(inspect("mcd-it-web").getCreated());
    Instant firstCreated = Instant.parse(inspect("mcd-it-quick").getCreated());
    assertThat(secondCreated).isAfter(firstCreated);

    runtimeService.deleteProcessInstance(second.getId(), "cancelled in Cockpit");
    driver.runJobs(third);
    assertThat(third).isWaitingAt("Task_StatusUpdate");
  }

  @Test
  void aDeployDeletedWithoutListenersDoesNotBlockItsHostForever() throws Exception {
    ProcessInstance first = start("quick", "local", V1);
    ProcessInstance second = start("quick", "local", V2);
    driver.runJobs(first);
    driver.runJobs(second);
    assertThat(second).isWaitingAt("Gateway_WaitForHost");
    runtimeService.deleteProcessInstance(first.getId(), "deleted in Cockpit", true);
    assertThat(hostLocks.holder("local")).isPresent();
    driver.fireTimer(second, "Timer_HostRecheck");
    driver.runJobs(second);
    assertThat(second).hasPassed("Timer_HostRecheck").isWaitingAt("Task_StatusUpdate");
  }

  // ------------------------------------------------------------------ technical faults

  @Test
  void exhaustedRetriesRaiseAnIncidentAndTheMayorsTaskWhoRetriesThenAborts() throws Exception {
    ProcessInstance deploy = start("broken", "local", V1);
    driver.runJobs(deploy);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(deploy.getId()).count()).isEqualTo(1);
    assertThat(deploy).isWaitingAt("Task_ResolveTechnicalFault", "Task_ReplaceContainer");
    assertThat(deploy).variables().containsEntry(FAULT_STEP, "Task_ReplaceContainer");

    complete(task("Task_ResolveTechnicalFault", deploy), withVariables(FAULT_DECISION, "retry"));
    assertThat(deploy).hasPassed("EndEvent_FaultRetried");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(deploy.getId()).count()).isZero();
    driver.runJobs(deploy);
    assertThat(runtimeService.createIncidentQuery().processInstanceId(deploy.getId()).count()).isEqualTo(1);

    complete(task("Task_ResolveTechnicalFault", deploy), withVariables(FAULT_DECISION, "abort"));
    driver.runJobs(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_AbortAfterFault", "Task_RecordAbortedDeploy", "EndEvent_DeployAborted");
    assertThat(metadata(deploy)).containsEntry("result", "failed");
    assertThat(variable(deploy, FAILURE_REASON)).contains("technical fault at Task_ReplaceContainer");
  }

  // ------------------------------------------------------------------ GitHub prechecks and workflow mode

  @Test
  void gitHubPrechecksPinTheRefToItsCommitAndTheImageIsTaggedFromIt() throws Exception {
    greenGitHub();
    dockerClients.forHost("local").tagImageCmd(V1, "mcd-test/app", "canary-" + SHA.substring(0, 12)).exec();
    Map<String, Object> request = ProcessDriver.request("gh", "local", "");
    request.put(GASTOWN_REF, "refs/heads/canary");
    ProcessInstance deploy = driver.start("mayor", request);
    driver.runJobs(deploy);

    assertThat(deploy).hasPassed("Task_ResolveRefs", "Task_CheckBranchProtection", "Task_CheckRunner",
        "Task_CheckGitHubSecrets").hasNotPassed("Event_GitHubPrechecksSkipped").isWaitingAt("Task_StatusUpdate");
    assertThat(metadata(deploy)).containsEntry("gastown_ref", "refs/heads/canary").containsEntry("gastown_sha", SHA);
    assertThat(deploy).variables().containsEntry("gastownSha", SHA)
        .containsEntry(DEPLOY_IMAGE, "mcd-test/app:canary-" + SHA.substring(0, 12));
    assertThat(GITHUB.requests()).allSatisfy(call ->
        assertThat(call.headers().getFirst("Authorization")).isEqualTo("Bearer ghp_testToken0123456789abcdefghijklmnop"));
  }

  @Test
  void aRateLimitWaitsForTheResetAsATimerAndResumesAtTheSameStep() throws Exception {
    long reset = java.time.Instant.now().plusSeconds(2).getEpochSecond();
    GITHUB.on("GET " + REPO + "/actions/runners", 403, "{\"message\":\"API rate limit exceeded\"}",
        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", String.valueOf(reset));
    greenGitHub();
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("gh", "local", V1));
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Boundary_RateLimited", "Timer_RateLimitReset").isWaitingAt("Task_StatusUpdate");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId("Task_CheckRunner").count()).isEqualTo(2);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId("Task_ResolveRefs").count()).isEqualTo(1);
  }

  @Test
  void aGitHubThatNeverAnswersFailsEachAttemptWithinTheRequestTimeoutAndTheMayorsRetryFinishesOnceItAnswers()
      throws Exception {
    for (int attempt = 0; attempt < 4; attempt++) { // the first try and mcd.retry.cycle's three retries
      GITHUB.silentOn("GET " + REPO, "", -1);
    }
    greenGitHub();
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("gh", "local", V1));
    long started = System.nanoTime();
    driver.runJobs(deploy);
    long seconds = (System.nanoTime() - started) / 1_000_000_000L;
    System.out.printf("silent GitHub: four attempts of Resolve refs and the incident after %d s%n", seconds);

    assertThat(deploy).isWaitingAt("Task_ResolveTechnicalFault", "Task_ResolveRefs");
    assertThat(variable(deploy, FAULT_MESSAGE)).contains("no complete answer within 2.0 s");
    assertThat(seconds).as("4 attempts of at most 2 s each, 3 s between them, no thread held longer").isLessThan(20);
    complete(task("Task_ResolveTechnicalFault", deploy), withVariables(FAULT_DECISION, "retry"));
    driver.runJobs(deploy);
    assertThat(deploy).hasPassed("Task_CheckBranchProtection").isWaitingAt("Task_StatusUpdate");
  }

  @Test
  void anUnprotectedBranchEscalatesNamingTheRule() throws Exception {
    GITHUB.on("GET " + REPO + "/branches/canary/protection", 404, "{\"message\":\"Branch not protected\"}");
    greenGitHub();
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("gh", "local", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "BRANCH_PROTECTION_FAILED", "Task_CheckBranchProtection");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("not protected");
    decideAsMayor(deploy, "retry", null); // the branch is protected now: the retry resumes there and goes on
    assertThat(deploy).isWaitingAt("Task_StatusUpdate");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId("Task_ResolveRefs").count()).isEqualTo(1);
  }

  @Test
  void workflowModeDispatchesFollowsTheRunThenVerifiesHealth() throws Exception {
    greenGitHub();
    runAs(902, "success");
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("wf", "local", V1));
    driver.runJobsUntil(deploy, () -> passed(deploy, "Task_DispatchWorkflow"));
    containers.replaceContainer("local", "wf", "canary", V1, "runner-job-902", Map.of()); // what the run's job does
    driver.runJobs(deploy);

    assertThat(deploy).hasPassed("Task_DispatchWorkflow", "Task_ObserveWorkflowRun", "Task_RecordDeployedContainer",
        "Task_ProbeHealth").isWaitingAt("Task_StatusUpdate");
    assertThat(metadata(deploy)).containsEntry("execution_mode", "workflow").containsEntry("workflow_run_id", "902")
        .containsEntry("workflow_run_url", "https://github.com/mayor/gastown/actions/runs/902")
        .containsEntry("image", V1);
    assertThat((String) runtimeService.getVariable(deploy.getId(), "reportWorkflowRun"))
        .isEqualTo("GitHub Actions run 902: https://github.com/mayor/gastown/actions/runs/902");
  }

  @Test
  void theSeedsExampleRequestRunsAsWritten() throws Exception {
    greenGitHub();
    runAs(906, "success");
    Map<String, Object> request = DeployRequestTemplate.parse(
        Files.readString(Path.of("src/test/resources/seed/example-request.txt")));
    ProcessInstance deploy = driver.start("mayor", new HashMap<>(request));
    driver.runJobsUntil(deploy, () -> passed(deploy, "Task_DispatchWorkflow"));
    containers.replaceContainer("shisuiki", "gastown", "canary", V1, "runner-job-906", Map.of()); // the run's job
    driver.runJobs(deploy);

    assertThat(deploy).hasPassed("Task_ResolveRefs", "Task_CheckBranchProtection", "Task_CheckRunner",
        "Task_CheckGitHubSecrets", "Task_CheckDockerDaemon", "Task_CheckHostIdentity", "Task_DispatchWorkflow",
        "Task_ObserveWorkflowRun", "Task_RecordDeployedContainer", "Task_ProbeHealth", "Task_RecordMetadata")
        .isWaitingAt("Task_SmokeTest");
    assertThat(task(deploy)).isAssignedTo("ptilopsis");
    finishAsCrew(deploy);
    assertThat(deploy).isEnded().hasPassed("EndEvent_DeployDone");
    assertThat(metadata(deploy)).containsEntry("host", "shisuiki").containsEntry("service", "gastown")
        .containsEntry("gastown_ref", "refs/heads/canary").containsEntry("gastown_sha", SHA)
        .containsEntry("gtruntime_ref", "HEAD").containsEntry("execution_mode", "workflow")
        .containsEntry("image", V1).containsEntry("result", "success");
    assertThat(variable(deploy, STATUS_REPORT)).contains("- Host: shisuiki", "HEAD (mounted at /gt)",
        "GitHub Actions run 906");
  }

  @Test
  void workflowModeRollsBackAnUnhealthyRunToThePreviousContainer() throws Exception {
    greenGitHub();
    runAs(904, "success");
    containers.replaceContainer("local", "wf", "canary", V1, "runner-job-903", Map.of()); // the last run's container
    String before = inspect("mcd-it-wf").getId();
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("wf", "local", V1));
    driver.runJobsUntil(deploy, () -> passed(deploy, "Task_DispatchWorkflow"));
    containers.replaceContainer("local", "wf", "canary", UNHEALTHY, "runner-job-904", Map.of()); // what this run's job does
    driver.runJobs(deploy);

    assertThat(deploy).hasPassed("Task_RecordDeployedContainer", "Boundary_HealthFailed",
        "Task_RecreatePreviousContainer", "Task_ProbeRolledBackContainer", "EndEvent_DeployRolledBack").isEnded();
    InspectContainerResponse container = inspect("mcd-it-wf");
    assertThat(container.getId()).isNotEqualTo(before);
    assertThat(container.getConfig().getImage()).isEqualTo(V1);
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(metadata(deploy)).containsEntry("result", "rolled_back").containsEntry("image", UNHEALTHY)
        .containsEntry("previous_image", V1);
  }

  @Test
  void aWorkflowRunThatLeavesTheHostAsItWasEscalates() throws Exception {
    greenGitHub();
    runAs(905, "success");
    containers.replaceContainer("local", "wf", "canary", V1, "runner-job-903", Map.of());
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("wf", "local", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "EXECUTION_FAILED", "Task_RecordDeployedContainer");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("did not replace the wf container on local");

    containers.replaceContainer("local", "wf", "canary", V2, "runner-job-905", Map.of()); // the runner was late
    decideAsMayor(deploy, "retry", null);
    assertThat(deploy).isWaitingAt("Task_StatusUpdate");
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId("Task_DispatchWorkflow").count()).isEqualTo(1);
    assertThat(metadata(deploy)).containsEntry("image", V2).containsEntry("previous_image", V1);
  }

  @Test
  void aFailedWorkflowRunEscalatesWithItsUrlAndFailingJobs() throws Exception {
    greenGitHub();
    runAs(903, "failure");
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("wf", "local", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "EXECUTION_FAILED", "Task_DispatchWorkflow");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("deploy canary (failure)");
    assertThat(variable(deploy, ESCALATION_EVIDENCE)).contains("actions/runs/903");
    decideAsMayor(deploy, "retry", null);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId("Task_DispatchWorkflow").count()).isEqualTo(2);
    assertEscalated(deploy, "EXECUTION_FAILED", "Task_DispatchWorkflow");
  }

  // ------------------------------------------------------------------ script mode

  @Test
  void scriptModeDeploysWithTheScriptsAndRollsBackAnUnhealthyImageWithTheRollbackScript() throws Exception {
    ProcessInstance first = driver.start("mayor", ProcessDriver.request("scripted", "local", V1));
    driver.runJobs(first);
    assertThat(first).hasPassed("Task_StartDeployScript", "Task_PollScript", "Task_RunMigration", "Task_ProbeHealth")
        .isWaitingAt("Task_StatusUpdate");
    assertThat(inspect("mcd-it-script").getConfig().getImage()).isEqualTo(V1);
    complete(task(first));
    driver.runJobs(first);

    ProcessInstance second = driver.start("mayor", ProcessDriver.request("scripted", "local", UNHEALTHY));
    driver.runJobs(second);
    assertThat(second).hasPassed("Boundary_HealthFailed", "Task_StartRollbackScript", "Task_PollRollbackScript",
        "Task_ProbeRolledBackContainer", "EndEvent_DeployRolledBack").isEnded();
    InspectContainerResponse container = inspect("mcd-it-script");
    assertThat(container.getConfig().getImage()).isEqualTo(V1);
    assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(variable(second, STATUS_REPORT)).startsWith("Status: blocked\n").contains("- Workflow/run: script run");
  }

  @Test
  void aScriptThatOutlivesItsTimeLimitIsKilledWithItsWholeProcessTreeAndEscalates() throws Exception {
    ProcessInstance deploy = driver.start("mayor", ProcessDriver.request("slowscript", "local", V1));
    driver.runJobs(deploy);
    assertEscalated(deploy, "EXECUTION_FAILED", "Task_StartDeployScript");
    assertThat(variable(deploy, ESCALATION_DETAIL)).contains("canary-deploy.sh timed out and was killed");
    Path runDir = Path.of("target/test-scripts/runs").resolve(variable(deploy, "scriptRunId"));
    long pid = Long.parseLong(Files.readString(runDir.resolve("pid")).strip());
    assertThat(ProcessHandle.of(pid)).isEmpty();
    assertThat(ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse(""))
        .filter(command -> command.contains(runDir.toString()) || command.contains("mcd-it-slowscript"))).isEmpty();
  }

  private boolean passed(ProcessInstance deploy, String activityId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId(activityId).finished().count() > 0;
  }

  private static final String RUNNERS = "{\"total_count\":1,\"runners\":[{\"id\":1,\"name\":\"canary-1\","
      + "\"os\":\"linux\",\"status\":\"online\",\"busy\":false,\"labels\":[{\"name\":\"self-hosted\"},"
      + "{\"name\":\"canary\"}]}]}";

  /** GitHub answers every precheck green (after any answers a test registered first): refs resolve, canary is
   * protected and green, a runner is online, the secrets exist. */
  private static void greenGitHub() {
    GITHUB.onRepository("mayor/gastown", "main").onBranch("canary", SHA).onCommit(REPO, "canary", SHA)
        .onCommit(REPO, "0123456789abcdef0123456789abcdef01234567", "0123456789abcdef0123456789abcdef01234567");
    GITHUB.on("GET " + REPO + "/branches/canary/protection", 200,
        "{\"required_status_checks\":{\"strict\":false,\"contexts\":[\"build\"],\"checks\":[{\"context\":\"build\",\"app_id\":null}]}}");
    for (String sha : List.of(SHA, "0123456789abcdef0123456789abcdef01234567")) {
      GITHUB.on("GET " + REPO + "/commits/" + sha + "/check-runs", 200,
          "{\"total_count\":1,\"check_runs\":[{\"id\":4,\"name\":\"build\",\"status\":\"completed\","
              + "\"conclusion\":\"success\",\"app\":{\"id\":15368}}]}");
      GITHUB.on("GET " + REPO + "/statuses/" + sha, 200, "[]");
    }
    GITHUB.on("GET " + REPO + "/actions/runners", 200, RUNNERS);
    GITHUB.on("GET " + REPO + "/actions/secrets", 200,
        "{\"total_count\":1,\"secrets\":[{\"name\":\"GT_WEB_AUTH_TOKEN_CANARY\"}]}");
    GITHUB.on("GET " + REPO + "/actions/organization-secrets", 200, "{\"total_count\":0,\"secrets\":[]}");
  }

  /** The dispatch answers 204 (no run id); the run is found by workflow, branch, commit and time. */
  private static void runAs(long runId, String conclusion) {
    String createdAt = java.time.Instant.now().plusSeconds(1).toString().replaceFirst("\\.\\d+Z$", "Z");
    GITHUB.on("POST " + REPO + "/actions/workflows/canary-deploy.yml/dispatches", 204, null);
    GITHUB.onWorkflow();
    GITHUB.on("GET " + REPO + "/actions/runs", 200, "{\"total_count\":1,\"workflow_runs\":["
        + GITHUB.workflowRun(runId, "queued", null, SHA, createdAt) + "]}");
    GITHUB.on("GET " + REPO + "/actions/runs/" + runId, 200,
        GITHUB.workflowRun(runId, "completed", conclusion, SHA, createdAt));
    GITHUB.on("GET " + REPO + "/actions/runs/" + runId + "/jobs", 200,
        "{\"total_count\":1,\"jobs\":[{\"id\":1,\"name\":\"deploy canary\",\"conclusion\":\"" + conclusion + "\"}]}");
  }

  // ------------------------------------------------------------------ refused requests

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

  // ------------------------------------------------------------------ health waits woken by Docker's events
  // Services "evented" and "evented-unprobed" poll every hour: only the event can have woken a decision in seconds.

  @Test
  void dockersHealthyEventEndsTheHealthWaitLongBeforeThePollTimer() throws Exception {
    ProcessInstance deploy = start("evented", "local", V1);
    runJobsAsEventsArrive(deploy, () -> waitingAt(deploy, "Task_StatusUpdate"));
    assertThat(deploy).hasPassed("Event_ContainerHealthChanged", "EndEvent_ContainerHealthy")
        .hasNotPassed("Timer_NextProbe");
    assertThat(deploy).variables().containsEntry(HEALTH_VERDICT, "healthy");
    assertThat(inspect("mcd-it-evented").getState().getHealth().getStatus()).isEqualTo("healthy");
  }

  @Test
  void dockersUnhealthyEventFailsTheHealthWaitAndTheRollbacksHealthyEventEndsItsWait() throws Exception {
    ProcessInstance landed = start("evented", "local", V1);
    runJobsAsEventsArrive(landed, () -> waitingAt(landed, "Task_StatusUpdate"));
    complete(task(landed));
    driver.runJobs(landed);
    assertThat(landed).isEnded();

    ProcessInstance deploy = start("evented", "local", UNHEALTHY);
    runJobsAsEventsArrive(deploy, () -> processEnded(deploy));
    assertThat(deploy).hasPassed("Event_ContainerHealthChanged", "Boundary_HealthFailed",
        "Task_RecreatePreviousContainer", "Event_RolledBackContainerHealthChanged", "EndEvent_DeployRolledBack")
        .hasNotPassed("Timer_NextProbe", "Timer_NextRollbackProbe");
    assertThat(variable(deploy, ROLLBACK_REASON)).contains("health check reports unhealthy");
    assertThat(inspect("mcd-it-evented").getConfig().getImage()).isEqualTo(V1);
  }

  @Test
  void dockersDieEventFailsTheHealthWait() throws Exception {
    ProcessInstance deploy = waitingOnItsUnprobedContainer();
    dockerClients.forHost("local").killContainerCmd("mcd-it-evented-unprobed").exec();
    runJobsAsEventsArrive(deploy, () -> passed(deploy, "Boundary_HealthFailed"));
    assertThat(deploy).hasPassed("Event_ContainerHealthChanged").hasNotPassed("Timer_NextProbe");
    assertThat(variable(deploy, ROLLBACK_REASON)).contains("container is not running (status exited");
  }

  @Test
  void dockersDestroyEventFailsTheHealthWait() throws Exception {
    ProcessInstance deploy = waitingOnItsUnprobedContainer();
    containers.removeContainer("local", "mcd-it-evented-unprobed");
    runJobsAsEventsArrive(deploy, () -> passed(deploy, "Boundary_HealthFailed"));
    assertThat(deploy).hasPassed("Event_ContainerHealthChanged").hasNotPassed("Timer_NextProbe");
    // removing a running container kills it first: the probe woken by its die or its destroy event decides
    assertThat(variable(deploy, ROLLBACK_REASON)).containsPattern("container is not running \\(status (removed|exited)");
  }

  @Test
  void dockersOomEventWakesTheHealthWaitAndAnOomKilledContainerFailsItNamingTheMemoryLimit() throws Exception {
    ProcessInstance deploy = waitingOnItsUnprobedContainer();
    dockerClients.forHost("local").updateContainerCmd("mcd-it-evented-unprobed").withMemory(OOM_LIMIT)
        .withMemorySwap(OOM_LIMIT).exec();
    long probes = probesOnceQuiet(deploy);

    // Only the hog is OOM-killed: the container runs on and stays healthy, so its oom event alone wakes the wait
    assertThat(execInside("mcd-it-evented-unprobed", MEMORY_HOG)).isEqualTo(137L);
    runJobsAsEventsArrive(deploy, () -> count(deploy, "Task_ProbeHealth") > probes && waitingForHealthEvent(deploy));
    assertThat(inspect("mcd-it-evented-unprobed").getState().getRunning()).isTrue();
    assertThat(deploy).hasNotPassed("Timer_NextProbe", "Boundary_HealthFailed");

    // The OOM kill takes the container down
    execInside("mcd-it-evented-unprobed", MAIN_PROCESS_OOM);
    runJobsAsEventsArrive(deploy, () -> passed(deploy, "Boundary_HealthFailed"));
    assertThat(deploy).hasNotPassed("Timer_NextProbe");
    assertThat(variable(deploy, ROLLBACK_REASON))
        .contains("container is not running (status exited, exit code 137; OOM-killed: out of memory at its memory "
            + "limit of 16 MiB)");
  }

  /**
   * The poll timer comes due while a health event wakes the same wait (the waker's correlation on another thread,
   * as ContainerHealthEvents or another node runs it), at moments around the timer's due date: before the driver
   * runs the timer, while it runs, after. Whoever loses, the wait is woken once, nothing is retried or left behind,
   * and the driver goes on.
   */
  @Test
  void aHealthEventRacingThePollTimerWakesTheWaitOnceAndTheDriverGoesOn() throws Exception {
    ProcessInstance deploy = waitingOnItsUnprobedContainer();
    probesOnceQuiet(deploy);
    for (int round = 0; round < 12; round++) {
      Job timer = managementService.createJobQuery().processInstanceId(deploy.getId()).activityId("Timer_NextProbe")
          .singleResult();
      managementService.setJobDuedate(timer.getId(), new Date(ClockUtil.getCurrentTime().getTime() + 300));
      long wakeAfter = 250 + round * 10;
      long probes = count(deploy, "Task_ProbeHealth");
      Thread waker = new Thread(() -> {
        try {
          Thread.sleep(wakeAfter);
          runtimeService.createMessageCorrelation("ContainerHealthChanged:mcd-it-evented-unprobed").correlateAll();
        } catch (InterruptedException | RuntimeException lostTheRace) {
          // the timer woke the wait first
        }
      });
      waker.start();
      assertThat(driver.runJobs(deploy)).as("round %d: no step failed", round).isNull();
      waker.join();
      assertThat(driver.runJobs(deploy)).isNull();
      assertThat(count(deploy, "Task_ProbeHealth")).as("round %d: probed again", round).isGreaterThan(probes);
      assertThat(count(deploy, "Task_ProbeHealth")).as("one probe per wake")
          .isEqualTo(1 + count(deploy, "Timer_NextProbe") + count(deploy, "Event_ContainerHealthChanged"));
      assertThat(waitingForHealthEvent(deploy)).isTrue();
      assertThat(managementService.createJobQuery().processInstanceId(deploy.getId()).list())
          .singleElement().satisfies(job -> assertThat(job.getRetries()).as("never retried").isEqualTo(3));
      assertThat(runtimeService.createIncidentQuery().processInstanceId(deploy.getId()).count()).isZero();
    }
  }

  @Test
  void withoutTheEventStreamThePollTimerStillDecidesAndOnceFollowedAgainEventsWakeAgain() throws Exception {
    assertThat(healthEvents.following("local")).isTrue();
    healthEvents.stop();
    try {
      // no event will wake the wait: the timer keeps the service's own pace, not the longer fallback
      assertThat(healthEvents.following("local")).isFalse();
      ProcessInstance deploy = start("quick", "local", V1);
      driver.runJobs(deploy);
      assertThat(deploy).isWaitingAt("Task_StatusUpdate").hasPassed("Timer_NextProbe", "EndEvent_ContainerHealthy")
          .hasNotPassed("Event_ContainerHealthChanged");
      complete(task(deploy));
      driver.runJobs(deploy);
    } finally {
      healthEvents.start();
    }
    Instant giveUp = Instant.now().plusSeconds(10);
    while (!healthEvents.following("local")) {
      assertThat(Instant.now()).as("the stream of host local is followed again").isBefore(giveUp);
      Thread.sleep(50);
    }
    ProcessInstance evented = start("evented", "local", V2);
    runJobsAsEventsArrive(evented, () -> waitingAt(evented, "Task_StatusUpdate"));
    assertThat(evented).hasPassed("Event_ContainerHealthChanged").hasNotPassed("Timer_NextProbe");
  }

  /** A deploy of evented-unprobed: Docker says healthy, its probe finds no listener, so it waits for an event. */
  private ProcessInstance waitingOnItsUnprobedContainer() throws InterruptedException {
    ProcessInstance deploy = start("evented-unprobed", "local", V1);
    runJobsAsEventsArrive(deploy, () -> waitingForHealthEvent(deploy)
        && "healthy".equals(inspect("mcd-it-evented-unprobed").getState().getHealth().getStatus()));
    assertThat(variable(deploy, HEALTH_SUMMARY)).contains("connection refused");
    return deploy;
  }

  /** Runs the deploy's jobs until no wake is under way any more; returns how often its container was probed. */
  private long probesOnceQuiet(ProcessInstance deploy) throws InterruptedException {
    long probes;
    do {
      probes = count(deploy, "Task_ProbeHealth");
      Thread.sleep(300);
      driver.runJobs(deploy);
    } while (count(deploy, "Task_ProbeHealth") != probes);
    return probes;
  }

  private long count(ProcessInstance deploy, String activityId) {
    return historyService.createHistoricActivityInstanceQuery().processInstanceId(deploy.getId())
        .activityId(activityId).count();
  }

  /** Runs a shell command in the container and waits for it (10 s at most); returns its exit code. */
  private Long execInside(String container, String command) throws InterruptedException {
    var docker = dockerClients.forHost("local");
    String exec = docker.execCreateCmd(container).withCmd("sh", "-c", command).exec().getId();
    docker.execStartCmd(exec).withDetach(true).exec(new ResultCallback.Adapter<>())
        .awaitCompletion();
    Instant giveUp = Instant.now().plusSeconds(10);
    while (Boolean.TRUE.equals(docker.inspectExecCmd(exec).exec().isRunning())) {
      assertThat(Instant.now()).as("the command in the container ended").isBefore(giveUp);
      Thread.sleep(50);
    }
    return docker.inspectExecCmd(exec).exec().getExitCodeLong();
  }

  /** Runs the deploy's jobs, including those Docker's events create, until {@code reached} holds (30 s at most). */
  private void runJobsAsEventsArrive(ProcessInstance deploy, BooleanSupplier reached) throws InterruptedException {
    Instant giveUp = Instant.now().plusSeconds(30);
    while (!reached.getAsBoolean()) {
      assertThat(Instant.now()).as("the deploy reached the expected state").isBefore(giveUp);
      driver.runJobs(deploy);
      Thread.sleep(50);
    }
  }

  private boolean waitingAt(ProcessInstance deploy, String activityId) {
    return !processEnded(deploy) && runtimeService.getActiveActivityIds(deploy.getId()).contains(activityId);
  }

  private boolean waitingForHealthEvent(ProcessInstance deploy) {
    return runtimeService.createEventSubscriptionQuery().processInstanceId(deploy.getId())
        .activityId("Event_ContainerHealthChanged").count() > 0;
  }

  private boolean processEnded(ProcessInstance deploy) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(deploy.getId()).count() == 0;
  }

  // ------------------------------------------------------------------ helpers

  private ProcessInstance start(String service, String host, String image) {
    return driver.start("mayor", ProcessDriver.request(service, host, image));
  }

  private ProcessInstance deployAndReachSmokeTest(String service, String image) throws InterruptedException {
    ProcessInstance deploy = start(service, "local", image);
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

  private void decideAsMayor(ProcessInstance deploy, String decision, String note) throws InterruptedException {
    complete(task(deploy), note == null ? withVariables(MAYOR_DECISION, decision)
        : withVariables(MAYOR_DECISION, decision, MAYOR_NOTE, note));
    driver.runJobs(deploy);
  }

  private void assertEscalated(ProcessInstance deploy, String reason, String step) {
    assertThat(deploy).isWaitingAt("Task_MayorEscalation");
    assertThat(task(deploy)).hasCandidateGroup("mayor");
    assertThat(deploy).variables().containsEntry(ESCALATION_REASON, reason).containsEntry(ESCALATION_STEP, step);
  }

  private Map<String, Object> metadata(ProcessInstance deploy) throws java.io.IOException {
    return new ObjectMapper().readValue(Path.of(variable(deploy, METADATA_PATH)).toFile(), new TypeReference<>() {});
  }

  private String variable(ProcessInstance deploy, String name) {
    var variable = historyService.createHistoricVariableInstanceQuery().processInstanceId(deploy.getId())
        .variableName(name).singleResult();
    return variable == null || variable.getValue() == null ? null : variable.getValue().toString();
  }

  /** This test class's containers (other test classes may use the same daemon at the same time). */
  private List<Container> testContainers() {
    return dockerClients.forHost("local").listContainersCmd().withShowAll(true)
        .withNameFilter(CONTAINERS.stream().map(name -> "^/" + name + "$").toList()).exec();
  }

  private InspectContainerResponse inspect(String name) {
    return dockerClients.forHost("local").inspectContainerCmd(name).exec();
  }
}
