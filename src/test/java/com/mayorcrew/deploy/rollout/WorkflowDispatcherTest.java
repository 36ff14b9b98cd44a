package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubUnavailableException;
import java.net.URLDecoder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkflowDispatcherTest {

  private static final String DISPATCHES = "POST " + REPO + "/actions/workflows/canary-deploy.yml/dispatches";
  private static final String RUNS = REPO + "/actions/runs";
  private static final String HEAD = "c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe";
  private static final Instant DISPATCHED = Instant.parse("2026-03-01T10:00:05Z");
  private static final Instant REQUESTED = Instant.parse("2026-03-01T09:59:00Z");
  private static final String NO_RUNS = "{\"total_count\":0,\"workflow_runs\":[]}";

  private FakeGitHub fake;
  private WorkflowDispatcher dispatcher;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    fake.onRepository("mayor/gastown", "main").onWorkflow();
    dispatcher = fake.dispatcher(fake.properties(service()));
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void aServerWithRunDetailsReturnsTheRunAtOnce() throws Exception {
    fake.on(DISPATCHES, 200, """
        {"workflow_run_id":22334455,"run_url":"https://api.github.com/repos/mayor/gastown/actions/runs/22334455",
         "html_url":"https://github.com/mayor/gastown/actions/runs/22334455"}""");
    fake.on("GET " + RUNS, 200, NO_RUNS);

    WorkflowDispatch dispatch = dispatcher.dispatchOnce(SERVICE, "canary", Map.of("sha", HEAD, "host", "local"),
        "deploy-42#1", REQUESTED);

    assertThat(dispatch.runKnown()).isTrue();
    assertThat(dispatch.runId()).isEqualTo(22334455L);
    assertThat(dispatch.htmlUrl()).isEqualTo("https://github.com/mayor/gastown/actions/runs/22334455");
    assertThat(dispatch.ref()).isEqualTo("canary");
    JsonNode body = new ObjectMapper().readTree(fake.last("POST", REPO).body());
    assertThat(body.path("ref").asText()).isEqualTo("canary");
    assertThat(body.path("inputs").path("sha").asText()).isEqualTo(HEAD);
    assertThat(body.path("inputs").path("host").asText()).isEqualTo("local");
    assertThat(body.path("inputs").path("mcd_dispatch_id").asText()).isEqualTo("deploy-42#1");
    assertThat(body.path("return_run_details").asBoolean()).isTrue();
    // Before dispatching, the runs since the request were searched for this attempt's marker.
    assertThat(URLDecoder.decode(fake.last("GET", RUNS).pathAndQuery(), UTF_8))
        .contains("event=workflow_dispatch", "branch=canary", "created=>=2026-03-01T09:58:58Z");
  }

  @Test
  void aServerAnswering204LeavesTheRunToBeFoundByHeadShaAndTime() {
    fake.on(DISPATCHES, 204, null);
    fake.onCommit(REPO, "canary", HEAD);
    fake.on("GET " + RUNS, 200, NO_RUNS);

    WorkflowDispatch dispatch = dispatcher.dispatchOnce(SERVICE, "canary", Map.of(), "deploy-42#1", REQUESTED);

    assertThat(dispatch.runKnown()).isFalse();
    assertServerTime(dispatch.dispatchedAt());
    assertThat(dispatch.headSha()).isEqualTo(HEAD);

    // The first lookup comes before GitHub has created the run (the empty list above, given once more), the
    // second finds it among others.
    fake.on("GET " + RUNS, 200, """
        {"total_count":4,"workflow_runs":[%s,%s,%s,%s]}""".formatted(
        fake.workflowRun(903, "queued", null, HEAD, "2026-03-01T10:00:09Z"),
        fake.workflowRun(902, "queued", null, HEAD, "2026-03-01T10:00:06Z"),
        fake.workflowRun(901, "completed", "success", HEAD, "2026-03-01T09:58:00Z"),
        // Another workflow's run, dispatched at the same commit and time.
        fake.workflowRun(900, "queued", null, HEAD, "2026-03-01T10:00:05Z")
            .replace("\"workflow_id\":" + WORKFLOW_ID, "\"workflow_id\":7")));
    assertThat(dispatcher.findDispatchedRun(SERVICE, "canary", HEAD, DISPATCHED)).isEmpty();
    Optional<WorkflowRunRef> found = dispatcher.findDispatchedRun(SERVICE, "canary", HEAD, DISPATCHED);

    assertThat(found).contains(new WorkflowRunRef(902, "https://github.com/mayor/gastown/actions/runs/902",
        Instant.parse("2026-03-01T10:00:06Z")));
    assertThat(URLDecoder.decode(fake.last("GET", RUNS).pathAndQuery(), UTF_8))
        .contains("event=workflow_dispatch", "branch=canary", "head_sha=" + HEAD, "created=>=2026-03-01T10:00:03Z",
            "per_page=100");
  }

  @Test
  void anOlderServerRefusingRunDetailsIsAskedAgainWithoutThem() throws Exception {
    fake.on(DISPATCHES, 400, "{\"message\":\"Invalid request.\\n\\n\\\"return_run_details\\\" is not a permitted key.\"}");
    fake.on(DISPATCHES, 204, null);
    fake.onCommit(REPO, "canary", HEAD);
    fake.on("GET " + RUNS, 200, NO_RUNS);

    WorkflowDispatch dispatch = dispatcher.dispatchOnce(SERVICE, "canary", Map.of(), "deploy-42#1", REQUESTED);

    assertThat(dispatch.runKnown()).isFalse();
    assertServerTime(dispatch.dispatchedAt());
    assertThat(new ObjectMapper().readTree(fake.last("POST", REPO).body()).has("return_run_details")).isFalse();
  }

  @Test
  void aWorkflowWithoutDispatchTriggerIsRefused() {
    fake.on(DISPATCHES, 422, "{\"message\":\"Workflow does not have 'workflow_dispatch' trigger\"}");

    fake.on("GET " + RUNS, 200, NO_RUNS);

    assertThatThrownBy(() -> dispatcher.dispatchOnce(SERVICE, "canary", Map.of(), "deploy-42#1", REQUESTED))
        .isInstanceOfSatisfying(GitHubAccessException.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.getMessage()).contains("workflow_dispatch");
        });
  }

  @Test
  void aDispatchWhoseAnswerIsLostIsFoundOnReRunAndOnlyANewAttemptDispatchesAgain() throws Exception {
    // GitHub accepts the first dispatch but its answer is lost (a proxy's 502): the step fails after the call.
    // Answers are given in order, the last one repeats.
    fake.on(DISPATCHES, 502, "{\"message\":\"Server Error\"}");
    fake.on(DISPATCHES, 204, null);
    fake.onCommit(REPO, "canary", HEAD);
    fake.on("GET " + RUNS, 200, NO_RUNS);
    // Then GitHub has created the run; its run-name shows the marker. Another deploy's run looks alike.
    fake.on("GET " + RUNS, 200, """
        {"total_count":2,"workflow_runs":[%s,%s]}""".formatted(
        fake.workflowRun(906, "queued", null, HEAD, "2026-03-01T10:00:07Z", "Canary deploy deploy-42#11"),
        fake.workflowRun(905, "queued", null, HEAD, "2026-03-01T10:00:06Z", "Canary deploy deploy-42#1")));

    assertThatThrownBy(() -> dispatcher.dispatchOnce(SERVICE, "canary", Map.of("sha", HEAD), "deploy-42#1",
        REQUESTED)).isInstanceOf(GitHubUnavailableException.class);

    WorkflowDispatch reRun = dispatcher.dispatchOnce(SERVICE, "canary", Map.of("sha", HEAD), "deploy-42#1",
        REQUESTED);

    assertThat(reRun.runId()).isEqualTo(905L);
    assertThat(reRun.htmlUrl()).isEqualTo("https://github.com/mayor/gastown/actions/runs/905");
    assertThat(dispatches()).isOne();

    // The mayor's retry is a new attempt: it dispatches once more, with its own marker.
    WorkflowDispatch second = dispatcher.dispatchOnce(SERVICE, "canary", Map.of("sha", HEAD), "deploy-42#2",
        REQUESTED);

    assertThat(second.runKnown()).isFalse();
    assertThat(dispatches()).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(fake.last("POST", REPO).body()).at("/inputs/mcd_dispatch_id").asText())
        .isEqualTo("deploy-42#2");
  }

  private long dispatches() {
    return fake.requests().stream().filter(r -> r.method().equals("POST") && r.pathAndQuery().endsWith("/dispatches"))
        .count();
  }

  /** The dispatch time is the server's Date header (the local server stamps the real time), not our clock. */
  private static void assertServerTime(Instant dispatchedAt) {
    assertThat(dispatchedAt).isNotEqualTo(NOW)
        .isBetween(Instant.now().minusSeconds(10), Instant.now().plusSeconds(1));
  }
}
