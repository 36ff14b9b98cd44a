package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kohsuke.github.GHEvent;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHWorkflowRun;
import org.springframework.stereotype.Component;

/**
 * Starts a service's workflow with {@code workflow_dispatch} and finds the run it created: from the dispatch's
 * answer where the server offers {@code return_run_details}, otherwise by workflow, event, branch, head SHA and
 * creation time in a separate call that the model repeats until the run appears. The dispatch goes over RestClient
 * because the library's dispatch cannot ask for the run details; the lookup goes through the library.
 */
@Component
public class WorkflowDispatcher {

  // GitHub's times have second precision and its Date header is taken after the run may have been created.
  private static final Duration CREATION_SLACK = Duration.ofSeconds(2);

  private static final int PAGE_SIZE = 100;

  private final GitHubClient github;
  private final RefResolver refs;
  private final GitHubProperties properties;

  public WorkflowDispatcher(GitHubClient github, RefResolver refs, GitHubProperties properties) {
    this.github = github;
    this.refs = refs;
    this.properties = properties;
  }

  public WorkflowDispatch dispatch(String service, String ref, Map<String, String> inputs) {
    GitHubProperties.Service config = properties.requireService(service);
    RepositoryName repository = config.gastown();
    String path = workflowPath(config) + "/dispatches";
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", ref);
    body.put("inputs", inputs);
    body.put("return_run_details", true);
    GitHubClient.Response response;
    try {
      response = github.post(path, body);
    } catch (GitHubAccessException e) {
      // Servers without return_run_details (GitHub Enterprise Server 3.20 and older) refuse the unknown field.
      if (e.status() != 400) {
        throw e;
      }
      body.remove("return_run_details");
      response = github.post(path, body);
    }
    Instant dispatchedAt = response.serverDate().orElse(github.clock().instant());
    JsonNode runId = response.body().path("workflow_run_id");
    if (response.status() == 200 && runId.canConvertToLong()) {
      return new WorkflowDispatch(runId.asLong(), response.body().path("html_url").asText(null), dispatchedAt, ref,
          null);
    }
    String headSha = refs.resolve(repository, ref);
    return new WorkflowDispatch(null, null, dispatchedAt, ref, headSha);
  }

  /** The oldest run of this workflow dispatched on {@code ref} at {@code headSha} since the dispatch, if any. */
  public Optional<WorkflowRunRef> findDispatchedRun(String service, String ref, String headSha,
      Instant dispatchedAt) {
    GitHubProperties.Service config = properties.requireService(service);
    Instant since = dispatchedAt.minus(CREATION_SLACK).truncatedTo(ChronoUnit.SECONDS);
    GHRepository repository = github.repository(config.gastown());
    return github.library(library -> {
      long workflowId = repository.getWorkflow(config.workflow()).getId();
      List<GHWorkflowRun> runs = repository.queryWorkflowRuns().event(GHEvent.WORKFLOW_DISPATCH).branch(ref)
          .headSha(headSha).created(">=" + since).list().withPageSize(PAGE_SIZE).toList();
      Optional<GHWorkflowRun> oldest = runs.stream()
          .filter(run -> run.getWorkflowId() == workflowId && headSha.equals(run.getHeadSha()))
          .filter(run -> !createdAt(run).isBefore(since))
          .min(Comparator.comparing(WorkflowDispatcher::createdAt).thenComparing(GHWorkflowRun::getId));
      return oldest.isEmpty() ? Optional.empty()
          : Optional.of(new WorkflowRunRef(oldest.get().getId(), oldest.get().getHtmlUrl().toString()));
    });
  }

  private static Instant createdAt(GHWorkflowRun run) {
    try {
      return run.getCreatedAt().toInstant();
    } catch (IOException e) {
      throw new GitHubUnavailableException("run " + run.getId() + " has no readable created_at: " + e, e);
    }
  }

  private static String workflowPath(GitHubProperties.Service config) {
    return config.gastown().path() + "/actions/workflows/" + GitHubPaths.segment(config.workflow());
  }
}
