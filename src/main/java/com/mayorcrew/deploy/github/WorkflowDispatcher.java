package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts a service's workflow with {@code workflow_dispatch} and finds the run it created: from the dispatch's
 * answer where the server offers {@code return_run_details}, otherwise by workflow, event, branch, head SHA and
 * creation time in a separate call that the model repeats until the run appears.
 */
@Component
public class WorkflowDispatcher {

  // GitHub's times have second precision and its Date header is taken after the run may have been created.
  private static final Duration CREATION_SLACK = Duration.ofSeconds(2);

  private final GitHubClient github;
  private final GitHubProperties properties;

  public WorkflowDispatcher(GitHubClient github, GitHubProperties properties) {
    this.github = github;
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
    String headSha = github.getSha(repository.path() + "/commits/" + GitHubPaths.ref(ref));
    return new WorkflowDispatch(null, null, dispatchedAt, ref, headSha);
  }

  /** The oldest run of this workflow dispatched on {@code ref} at {@code headSha} since the dispatch, if any. */
  public Optional<WorkflowRunRef> findDispatchedRun(String service, String ref, String headSha,
      Instant dispatchedAt) {
    GitHubProperties.Service config = properties.requireService(service);
    Instant since = dispatchedAt.minus(CREATION_SLACK).truncatedTo(ChronoUnit.SECONDS);
    String query = "?event=workflow_dispatch&branch=" + GitHubPaths.query(ref) + "&head_sha="
        + GitHubPaths.query(headSha) + "&created=" + GitHubPaths.query(">=" + since);
    return github.getAll(workflowPath(config) + "/runs" + query, "workflow_runs").stream()
        .filter(run -> headSha.equals(run.path("head_sha").asText()))
        .filter(run -> !Instant.parse(run.path("created_at").asText()).isBefore(since))
        .min(Comparator.comparing((JsonNode run) -> Instant.parse(run.path("created_at").asText()))
            .thenComparing(run -> run.path("id").asLong()))
        .map(run -> new WorkflowRunRef(run.path("id").asLong(), run.path("html_url").asText()));
  }

  private static String workflowPath(GitHubProperties.Service config) {
    return config.gastown().path() + "/actions/workflows/" + GitHubPaths.segment(config.workflow());
  }
}
