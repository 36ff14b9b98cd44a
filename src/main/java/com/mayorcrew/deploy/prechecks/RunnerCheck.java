package com.mayorcrew.deploy.prechecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubClient;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.RepositoryName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * "Runner is online and labeled correctly": a self-hosted runner of the repository, or of its organisation, is
 * online and carries every required label plus {@code self-hosted}. Busy is fine: the job queues for it.
 */
@Component
public class RunnerCheck {

  static final String SELF_HOSTED = "self-hosted";
  // Evidence lists what was found, up to this many runners.
  private static final int MAX_LISTED = 30;

  private final GitHubClient github;
  private final GitHubProperties properties;

  public RunnerCheck(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public CheckOutcome check(String service, List<String> labels) {
    RepositoryName repository = properties.requireService(service).gastown();
    Set<String> required = new LinkedHashSet<>();
    required.add(SELF_HOSTED);
    labels.stream().filter(label -> label != null && !label.isBlank()).forEach(required::add);

    List<JsonNode> repoRunners = github.getAll(repository.path() + "/actions/runners", "runners");
    Optional<JsonNode> match = firstMatch(repoRunners, required);
    if (match.isPresent()) {
      return CheckOutcome.passed(describe("repository runner", match.get()));
    }
    List<JsonNode> orgRunners = List.of();
    String orgNote;
    try {
      orgRunners = github.getAll("/orgs/" + repository.owner() + "/actions/runners", "runners");
      match = firstMatch(orgRunners, required);
      if (match.isPresent()) {
        return CheckOutcome.passed(describe("organisation runner", match.get()));
      }
      orgNote = orgRunners.size() + " organisation runner(s)";
    } catch (GitHubAccessException e) {
      // A user-owned repository has no organisation (404); a token without org admin rights cannot list them.
      orgNote = "organisation runners not checked: " + e.getMessage();
    }
    List<String> found = new ArrayList<>();
    repoRunners.forEach(runner -> found.add(describe("repository", runner)));
    orgRunners.forEach(runner -> found.add(describe("organisation", runner)));
    String evidence = "found " + repoRunners.size() + " repository runner(s), " + orgNote + ":\n"
        + (found.isEmpty() ? "  none" : found.stream().limit(MAX_LISTED).map(line -> "  " + line)
            .collect(Collectors.joining("\n")))
        + (found.size() > MAX_LISTED ? "\n  ... and " + (found.size() - MAX_LISTED) + " more" : "");
    return CheckOutcome.failed("no online self-hosted runner with labels " + required + " for " + repository
        + " or its organisation", evidence);
  }

  private static Optional<JsonNode> firstMatch(List<JsonNode> runners, Set<String> required) {
    Set<String> wanted = required.stream().map(RunnerCheck::normalise).collect(Collectors.toSet());
    return runners.stream()
        .filter(runner -> "online".equals(runner.path("status").asText()))
        .filter(runner -> labelsOf(runner).stream().map(RunnerCheck::normalise).collect(Collectors.toSet())
            .containsAll(wanted))
        .findFirst();
  }

  // Labels match case-insensitively, as runs-on does.
  private static String normalise(String label) {
    return label.toLowerCase(Locale.ROOT);
  }

  private static List<String> labelsOf(JsonNode runner) {
    List<String> labels = new ArrayList<>();
    runner.path("labels").forEach(label -> labels.add(label.path("name").asText()));
    return labels;
  }

  private static String describe(String scope, JsonNode runner) {
    return scope + " " + runner.path("name").asText() + ": " + runner.path("status").asText()
        + (runner.path("busy").asBoolean() ? ", busy" : ", idle") + ", labels " + labelsOf(runner);
  }
}
