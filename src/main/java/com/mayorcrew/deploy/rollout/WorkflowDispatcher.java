package com.mayorcrew.deploy.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubClient;
import com.mayorcrew.deploy.github.GitHubPaths;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.GitHubUnavailableException;
import com.mayorcrew.deploy.github.RefResolver;
import com.mayorcrew.deploy.github.RepositoryName;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.kohsuke.github.GHEvent;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHWorkflowRun;
import org.kohsuke.github.GHWorkflowRunQueryBuilder;
import org.springframework.stereotype.Component;

/**
 * Starts a service's workflow with {@code workflow_dispatch} and finds the run it created: from the dispatch's
 * answer where the server offers {@code return_run_details}, otherwise by workflow, event, branch, head SHA and
 * creation time in a separate call that the model repeats until the run appears. The dispatch goes over RestClient
 * because the library's dispatch cannot ask for the run details; the lookups go through the library.
 *
 * <p>Once per attempt: every dispatch carries a marker ({@value #DISPATCH_ID_INPUT}, e.g. {@code deploy-42#1}) that
 * the workflow shows in its {@code run-name}; before dispatching, the runs of the workflow since the deploy was
 * requested are searched for a {@code display_title} holding the marker, so a re-run after a lost answer, a
 * failure after the call or a crash finds the run instead of starting another.
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

  /** The workflow_dispatch input that carries the attempt's marker; the workflow must declare it. */
  public static final String DISPATCH_ID_INPUT = "mcd_dispatch_id";

  // Characters of a marker; anything else in a display title separates words.
  private static final Pattern TITLE_SEPARATORS = Pattern.compile("[^A-Za-z0-9._#-]+");

  /**
   * The run this attempt ({@code dispatchId}) already dispatched, else a new dispatch carrying the marker.
   *
   * @param notBefore no run of this deploy was created before, e.g. when it was requested
   */
  public WorkflowDispatch dispatchOnce(String service, String ref, Map<String, String> inputs, String dispatchId,
      Instant notBefore) {
    Optional<WorkflowRunRef> earlier = findRunMarked(service, ref, dispatchId, notBefore);
    if (earlier.isPresent()) {
      return new WorkflowDispatch(earlier.get().id(), earlier.get().htmlUrl(), earlier.get().createdAt(), ref, null);
    }
    Map<String, String> marked = new LinkedHashMap<>(inputs);
    marked.put(DISPATCH_ID_INPUT, dispatchId);
    return dispatch(service, ref, marked);
  }

  private WorkflowDispatch dispatch(String service, String ref, Map<String, String> inputs) {
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

  /** The oldest run of this workflow dispatched on {@code ref} since {@code notBefore} whose title holds the marker. */
  Optional<WorkflowRunRef> findRunMarked(String service, String ref, String dispatchId, Instant notBefore) {
    return oldestDispatchedRun(service, ref, notBefore, query -> query,
        run -> run.getDisplayTitle() != null
            && List.of(TITLE_SEPARATORS.split(run.getDisplayTitle())).contains(dispatchId));
  }

  /** The oldest run of this workflow dispatched on {@code ref} at {@code headSha} since the dispatch, if any. */
  public Optional<WorkflowRunRef> findDispatchedRun(String service, String ref, String headSha,
      Instant dispatchedAt) {
    return oldestDispatchedRun(service, ref, dispatchedAt, query -> query.headSha(headSha),
        run -> headSha.equals(run.getHeadSha()));
  }

  /**
   * The oldest {@code workflow_dispatch} run of the service's workflow on {@code ref}, created since
   * {@code notBefore} (less GitHub's clock slack), that the narrowed query returns and {@code matches} accepts.
   */
  private Optional<WorkflowRunRef> oldestDispatchedRun(String service, String ref, Instant notBefore,
      UnaryOperator<GHWorkflowRunQueryBuilder> narrow, Predicate<GHWorkflowRun> matches) {
    GitHubProperties.Service config = properties.requireService(service);
    Instant since = notBefore.minus(CREATION_SLACK).truncatedTo(ChronoUnit.SECONDS);
    GHRepository repository = github.repository(config.gastown());
    return github.library(library -> {
      long workflowId = repository.getWorkflow(config.workflow()).getId();
      List<GHWorkflowRun> runs = narrow.apply(repository.queryWorkflowRuns().event(GHEvent.WORKFLOW_DISPATCH)
          .branch(ref)).created(">=" + since).list().withPageSize(PAGE_SIZE).toList();
      return oldest(runs.stream()
          .filter(run -> run.getWorkflowId() == workflowId && !createdAt(run).isBefore(since))
          .filter(matches));
    });
  }

  private static Optional<WorkflowRunRef> oldest(Stream<GHWorkflowRun> runs) throws IOException {
    Optional<GHWorkflowRun> oldest = runs
        .min(Comparator.comparing(WorkflowDispatcher::createdAt).thenComparing(GHWorkflowRun::getId));
    return oldest.isEmpty() ? Optional.empty() : Optional.of(new WorkflowRunRef(oldest.get().getId(),
        oldest.get().getHtmlUrl().toString(), createdAt(oldest.get())));
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
