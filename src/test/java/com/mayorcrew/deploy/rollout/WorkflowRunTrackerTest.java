package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.mayorcrew.deploy.github.FakeGitHub;
import com.mayorcrew.deploy.github.GitHubProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkflowRunTrackerTest {

  private static final String RUN = REPO + "/actions/runs/902";
  private static final String URL = "https://github.com/mayor/gastown/actions/runs/902";

  private FakeGitHub fake;
  private WorkflowRunTracker tracker;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    fake.onRepository("mayor/gastown", "main");
    GitHubProperties properties = fake.properties(service());
    tracker = new WorkflowRunTracker(fake.client(properties), properties);
  }

  @AfterEach
  void tearDown() {
    fake.close();
  }

  @Test
  void aRunningRunHasNoConclusionAndNoJobsAreAsked() {
    fake.on("GET " + RUN, 200, run("in_progress", null));

    WorkflowRunObservation observation = tracker.observe(SERVICE, 902);

    assertThat(observation).isEqualTo(new WorkflowRunObservation(902, "in_progress", "", URL,
        java.util.List.of()));
    assertThat(observation.completed()).isFalse();
    assertThat(fake.requests()).noneMatch(request -> request.pathAndQuery().contains("/jobs"));
  }

  @Test
  void aSuccessfulRun() {
    fake.on("GET " + RUN, 200, run("completed", "success"));

    WorkflowRunObservation observation = tracker.observe(SERVICE, 902);

    assertThat(observation.succeeded()).isTrue();
    assertThat(observation.failingJobs()).isEmpty();
  }

  @Test
  void aFailedRunNamesItsFailingJobsAcrossPages() {
    fake.on("GET " + RUN, 200, run("completed", "failure"));
    fake.on("GET " + RUN + "/jobs", 200, """
        {"total_count":3,"jobs":[
          {"id":1,"name":"build","status":"completed","conclusion":"success"},
          {"id":2,"name":"deploy canary","status":"completed","conclusion":"failure"}]}""",
        "Link", "<" + fake.baseUrl() + RUN + "/jobs?filter=latest&per_page=100&page=2>; rel=\"next\"");
    fake.on("GET " + RUN + "/jobs?filter=latest&per_page=100&page=2", 200, """
        {"total_count":3,"jobs":[{"id":3,"name":"verify","status":"completed","conclusion":"cancelled"}]}""");

    WorkflowRunObservation observation = tracker.observe(SERVICE, 902);

    assertThat(observation.succeeded()).isFalse();
    assertThat(observation.conclusion()).isEqualTo("failure");
    assertThat(observation.failingJobs()).containsExactly("deploy canary (failure)", "verify (cancelled)");
    assertThat(fake.requests()).filteredOn(request -> request.pathAndQuery().contains("/jobs")).hasSize(2);
  }

  private String run(String status, String conclusion) {
    return fake.workflowRun(902, status, conclusion, "c0ffee0c0ffee0c0ffee0c0ffee0c0ffee0c0ffe", "2026-03-01T10:00:06Z");
  }
}
