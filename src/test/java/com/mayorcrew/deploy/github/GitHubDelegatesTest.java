package com.mayorcrew.deploy.github;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.DeployVariables.SERVICE;
import static com.mayorcrew.deploy.context.GitHubVariables.*;
import static com.mayorcrew.deploy.github.FakeGitHub.NOW;
import static com.mayorcrew.deploy.github.FakeGitHub.REPO;
import static com.mayorcrew.deploy.github.FakeGitHub.TOKEN;
import static com.mayorcrew.deploy.github.FakeGitHub.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mayorcrew.deploy.context.BpmnErrors;
import com.mayorcrew.deploy.github.RefResolver;
import com.mayorcrew.deploy.prechecks.BranchProtectionCheck;
import com.mayorcrew.deploy.prechecks.CheckBranchProtectionDelegate;
import com.mayorcrew.deploy.prechecks.CheckGitHubSecretsDelegate;
import com.mayorcrew.deploy.prechecks.CheckRunnerDelegate;
import com.mayorcrew.deploy.prechecks.GitHubSecretsCheck;
import com.mayorcrew.deploy.prechecks.ResolveRefsDelegate;
import com.mayorcrew.deploy.prechecks.RunnerCheck;
import com.mayorcrew.deploy.rollout.DispatchWorkflowDelegate;
import com.mayorcrew.deploy.rollout.ObserveWorkflowRunDelegate;
import com.mayorcrew.deploy.rollout.WorkflowDispatcher;
import com.mayorcrew.deploy.rollout.WorkflowRunTracker;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delegates' outcome rules over the real services and a local GitHub, with a map for the variables. */
class GitHubDelegatesTest {

  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String RUN_URL = "https://github.com/mayor/gastown/actions/runs/902";

  private FakeGitHub fake;
  private GitHubProperties properties;
  private GitHubClient client;
  private final Map<String, Object> variables = new HashMap<>();
  private DelegateExecution execution;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    properties = fake.properties(service());
    client = fake.client(properties);
    variables.putAll(Map.of(SERVICE, FakeGitHub.SERVICE, GASTOWN_REF, "v1.4.0", GTRUNTIME_REF, "HEAD",
        BRANCH, "canary", RUNNER_LABEL, "canary-tnc", CANARY_HOST, "local", DEPLOY_ID, "deploy-42",
        REQUESTED_AT, Date.from(Instant.now().minusSeconds(60))));
    execution = mock(DelegateExecution.class);
    when(execution.getVariable(anyString())).thenAnswer(call -> variables.get(call.<String>getArgument(0)));
    doAnswer(call -> variables.put(call.getArgument(0), call.getArgument(1)))
        .when(execution).setVariable(anyString(), any());
    when(execution.getProcessBusinessKey()).thenReturn("deploy-42");
    when(execution.getCurrentActivityId()).thenReturn("step");
    when(execution.getCurrentActivityName()).thenReturn("GitHub step");
  }

  @AfterEach
  void tearDown() {
    ClockUtil.reset();
    fake.close();
  }

  @Test
  void resolveRefsPinsBothShas() {
    fake.onRepository("mayor/gastown", "main").onCommit(REPO, "v1.4.0", SHA);
    fake.onRepository("mayor/gtruntime", "main")
        .onCommit("/repos/mayor/gtruntime", "main", "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");

    new ResolveRefsDelegate(new RefResolver(client, properties)).execute(execution);

    assertThat(variables).containsEntry(GASTOWN_SHA, SHA)
        .containsEntry(GTRUNTIME_SHA, "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567");
  }


  @Test
  void accessProblemsGoToTheMayorAsRepoAccessBlocked() {
    fake.on("GET " + REPO, 401, "{\"message\":\"Bad credentials\"}");

    assertThatThrownBy(() -> new ResolveRefsDelegate(new RefResolver(client, properties))
        .execute(execution))
        .isInstanceOfSatisfying(BpmnError.class, e -> assertThat(e.getErrorCode()).isEqualTo(BpmnErrors.ESCALATE));
    assertThat(variables).containsEntry(ESCALATION_REASON, "REPO_ACCESS_BLOCKED");
    assertThat((String) variables.get(ESCALATION_DETAIL)).contains("401", "Bad credentials")
        .doesNotContain(TOKEN);
  }

  @Test
  void aRateLimitSetsTheRetryTimeAndThrowsTheRateLimitError() {
    long reset = NOW.plusSeconds(600).getEpochSecond();
    fake.on("GET " + REPO + "/actions/runners", 403, "{\"message\":\"API rate limit exceeded\"}",
        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));

    assertThatThrownBy(() -> new CheckRunnerDelegate(new RunnerCheck(client, properties))
        .execute(execution))
        .isInstanceOfSatisfying(BpmnError.class, e -> assertThat(e.getErrorCode()).isEqualTo(BpmnErrors.GITHUB_RATE_LIMITED));
    assertThat(variables).containsEntry(GITHUB_RETRY_AT, Date.from(Instant.ofEpochSecond(reset)))
        .doesNotContainKey(ESCALATION_REASON);
  }

  @Test
  void serverErrorsPropagateForTheEngineToRetry() {
    fake.on("GET " + REPO + "/actions/runners", 503, "{\"message\":\"Service Unavailable\"}");

    assertThatThrownBy(() -> new CheckRunnerDelegate(new RunnerCheck(client, properties))
        .execute(execution)).isInstanceOf(GitHubUnavailableException.class);
  }

  @Test
  void anOfflineRunnerIsRunnerOffline() {
    fake.on("GET " + REPO + "/actions/runners", 200, "{\"total_count\":0,\"runners\":[]}");
    fake.on("GET /orgs/mayor/actions/runners", 200, "{\"total_count\":0,\"runners\":[]}");

    assertThatThrownBy(() -> new CheckRunnerDelegate(new RunnerCheck(client, properties))
        .execute(execution)).isInstanceOf(BpmnError.class);
    assertThat(variables).containsEntry(ESCALATION_REASON, "RUNNER_OFFLINE");
    assertThat((String) variables.get(ESCALATION_DETAIL)).contains("[self-hosted, canary-tnc]");
  }

  @Test
  void missingGitHubSecretsAreSecretsMissing() {
    fake.on("GET " + REPO + "/actions/secrets", 200, "{\"total_count\":0,\"secrets\":[]}");
    fake.on("GET " + REPO + "/actions/organization-secrets", 200, "{\"total_count\":0,\"secrets\":[]}");
    fake.on("GET " + REPO + "/environments/canary/secrets", 200, "{\"total_count\":0,\"secrets\":[]}");

    assertThatThrownBy(() -> new CheckGitHubSecretsDelegate(new GitHubSecretsCheck(client, properties))
        .execute(execution)).isInstanceOf(BpmnError.class);
    assertThat(variables).containsEntry(ESCALATION_REASON, "SECRETS_MISSING");
    assertThat((String) variables.get(ESCALATION_DETAIL)).endsWith("GT_WEB_AUTH_TOKEN_CANARY");
  }

  @Test
  void anUnprotectedBranchEscalatesWithTheRuleThatFailed() {
    variables.put(GASTOWN_SHA, SHA);
    fake.onRepository("mayor/gastown", "main").onBranch("canary", SHA);
    fake.on("GET " + REPO + "/branches/canary/protection", 404, "{\"message\":\"Branch not protected\"}");

    assertThatThrownBy(() -> new CheckBranchProtectionDelegate(new BranchProtectionCheck(client, properties))
        .execute(execution)).isInstanceOf(BpmnError.class);
    assertThat(variables).containsEntry(ESCALATION_REASON, "BRANCH_PROTECTION_FAILED")
        .containsEntry(ESCALATION_DETAIL, "branch not protected: canary in mayor/gastown");
  }

  @Test
  void dispatchRendersRefAndInputsThenObservationFindsAndFollowsTheRunToFailure() {
    variables.put(GASTOWN_SHA, SHA);
    fake.on("POST " + REPO + "/actions/workflows/canary-deploy.yml/dispatches", 204, null);
    fake.onRepository("mayor/gastown", "main").onCommit(REPO, "canary", SHA).onWorkflow();
    fake.on("GET " + REPO + "/actions/runs", 200, "{\"total_count\":1,\"workflow_runs\":["
        + fake.workflowRun(902, "queued", null, SHA, Instant.now().plusSeconds(1).toString()
            .replaceFirst("\\.\\d+Z$", "Z")) + "]}");
    fake.on("GET " + REPO + "/actions/runs/902", 200, fake.workflowRun(902, "in_progress", null, SHA,
        "2026-03-01T10:00:06Z"));
    fake.on("GET " + REPO + "/actions/runs/902", 200, fake.workflowRun(902, "completed", "failure", SHA,
        "2026-03-01T10:00:06Z"));
    fake.on("GET " + REPO + "/actions/runs/902/jobs", 200,
        "{\"total_count\":1,\"jobs\":[{\"id\":1,\"name\":\"deploy canary\",\"conclusion\":\"failure\"}]}");
    WorkflowDispatcher dispatcher = fake.dispatcher(properties);
    ObserveWorkflowRunDelegate observe = new ObserveWorkflowRunDelegate(dispatcher,
        new WorkflowRunTracker(client, properties), properties);

    new DispatchWorkflowDelegate(dispatcher, properties).execute(execution);
    assertThat(fake.last("POST", REPO).body()).contains("\"ref\":\"canary\"", "\"sha\":\"" + SHA + "\"",
        "\"host\":\"local\"", "\"deploy_id\":\"deploy-42\"");
    assertThat(variables).containsEntry(WORKFLOW_RUN_ID, null).containsEntry(WORKFLOW_HEAD_SHA, SHA)
        .containsKey(WORKFLOW_DISPATCHED_AT);

    observe.execute(execution);
    assertThat(variables).containsEntry(WORKFLOW_RUN_ID, 902L).containsEntry(WORKFLOW_RUN_URL, RUN_URL)
        .containsEntry(WORKFLOW_RUN_STATUS, "in_progress").containsEntry(WORKFLOW_RUN_VERDICT, "running")
        .containsEntry(WORKFLOW_RUN_POLL_INTERVAL, "PT10S");
    Date deadline = (Date) variables.get(WORKFLOW_RUN_DEADLINE);

    observe.execute(execution);
    assertThat(variables).containsEntry(WORKFLOW_RUN_VERDICT, "failed")
        .containsEntry(WORKFLOW_RUN_CONCLUSION, "failure")
        .containsEntry(WORKFLOW_RUN_FAILURE, "run " + RUN_URL + " concluded failure; failing jobs: deploy canary "
            + "(failure)")
        .containsEntry(WORKFLOW_RUN_DEADLINE, deadline);
  }

  @Test
  void aReRunOfTheDispatchStepFindsItsRunAndTheNextAttemptDispatchesAgain() {
    String dispatches = "POST " + REPO + "/actions/workflows/canary-deploy.yml/dispatches";
    String marked = fake.workflowRun(905, "queued", null, SHA, Instant.now().toString()
        .replaceFirst("\\.\\d+Z$", "Z"), "Canary deploy deploy-42#1");
    fake.onRepository("mayor/gastown", "main").onWorkflow().onCommit(REPO, "canary", SHA);
    fake.on(dispatches, 502, "{\"message\":\"Server Error\"}");
    fake.on(dispatches, 204, null);
    fake.on("GET " + REPO + "/actions/runs", 200, "{\"total_count\":0,\"workflow_runs\":[]}");
    fake.on("GET " + REPO + "/actions/runs", 200, "{\"total_count\":1,\"workflow_runs\":[" + marked + "]}");
    DispatchWorkflowDelegate dispatch = new DispatchWorkflowDelegate(fake.dispatcher(properties), properties);

    // The answer is lost after GitHub accepted: the job fails and leaves no variables behind.
    assertThatThrownBy(() -> dispatch.execute(execution)).isInstanceOf(GitHubUnavailableException.class);
    assertThat(variables).doesNotContainKeys(WORKFLOW_DISPATCHES, WORKFLOW_RUN_ID);

    dispatch.execute(execution);
    assertThat(variables).containsEntry(WORKFLOW_RUN_ID, 905L).containsEntry(WORKFLOW_DISPATCHES, 1)
        .containsEntry(WORKFLOW_DISPATCH_ID, "deploy-42#1");
    assertThat(fake.requests().stream().filter(r -> r.method().equals("POST")).count()).isOne();

    // Reached again after the run failed and the mayor chose retry: a new attempt.
    dispatch.execute(execution);
    assertThat(variables).containsEntry(WORKFLOW_RUN_ID, null).containsEntry(WORKFLOW_DISPATCHES, 2)
        .containsEntry(WORKFLOW_DISPATCH_ID, "deploy-42#2");
    assertThat(fake.requests().stream().filter(r -> r.method().equals("POST")).count()).isEqualTo(2);
    assertThat(fake.last("POST", REPO).body()).contains("\"mcd_dispatch_id\":\"deploy-42#2\"");
  }

  @Test
  void aRunStillRunningAtTheDeadlineTimesOutInEngineTime() {
    variables.put(WORKFLOW_RUN_ID, 902L);
    fake.onRepository("mayor/gastown", "main");
    fake.on("GET " + REPO + "/actions/runs/902", 200, fake.workflowRun(902, "queued", null, SHA,
        "2026-03-01T10:00:06Z"));
    ObserveWorkflowRunDelegate observe = new ObserveWorkflowRunDelegate(fake.dispatcher(properties),
        new WorkflowRunTracker(client, properties), properties);
    ClockUtil.setCurrentTime(Date.from(NOW));

    observe.execute(execution);
    assertThat(variables).containsEntry(WORKFLOW_RUN_VERDICT, "running")
        .containsEntry(WORKFLOW_RUN_DEADLINE, Date.from(NOW.plusSeconds(1800)));

    ClockUtil.setCurrentTime(Date.from(NOW.plusSeconds(1800)));
    observe.execute(execution);
    assertThat(variables).containsEntry(WORKFLOW_RUN_VERDICT, "failed")
        .containsEntry(WORKFLOW_RUN_FAILURE, "timed out after PT30M: run " + RUN_URL + " still queued");
  }

  @Test
  void aWorkflowServiceWithoutGitHubConfigurationIsATechnicalFault() {
    variables.put(SERVICE, "other");

    assertThatThrownBy(() -> new DispatchWorkflowDelegate(fake.dispatcher(properties), properties)
        .execute(execution)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mcd.github.services.other");
  }
}
