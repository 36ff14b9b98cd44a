package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * "Branch protection passes for target branch": the branch is protected, and every status check its protection
 * requires is green on the resolved commit, whether the check reports as a check run or as a commit status.
 */
@Component
public class BranchProtectionCheck {

  // GitHub counts these check run conclusions as passing a required check.
  private static final Set<String> PASSING_CONCLUSIONS = Set.of("success", "neutral", "skipped");
  // "Any app" in a protection's checks list.
  private static final long ANY_APP = -1;

  private final GitHubClient github;
  private final GitHubProperties properties;

  public BranchProtectionCheck(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public CheckOutcome check(String service, String branch, String sha) {
    RepositoryName repository = properties.requireService(service).gastown();
    JsonNode protection;
    try {
      protection = github.get(repository.path() + "/branches/" + GitHubPaths.ref(branch) + "/protection");
    } catch (GitHubAccessException e) {
      if (e.status() == 404 && e.getMessage().contains("Branch not protected")) {
        return CheckOutcome.failed("branch not protected: " + branch + " in " + repository,
            "GitHub: " + e.getMessage());
      }
      if (e.status() == 404 && e.getMessage().contains("Branch not found")) {
        return CheckOutcome.failed("branch not found: " + branch + " in " + repository, "GitHub: " + e.getMessage());
      }
      throw e;
    }
    Map<String, Long> required = requiredChecks(protection.path("required_status_checks"));
    if (required.isEmpty()) {
      return CheckOutcome.passed("branch " + branch + " is protected; it requires no status checks");
    }
    List<JsonNode> checkRuns = github.getAll(repository.path() + "/commits/" + sha + "/check-runs", "check_runs");
    List<JsonNode> statuses = github.getAll(repository.path() + "/commits/" + sha + "/status", "statuses");
    List<String> failing = new ArrayList<>();
    List<String> green = new ArrayList<>();
    required.forEach((context, appId) -> {
      String state = stateOf(context, appId, checkRuns, statuses);
      (state.equals("success") ? green : failing).add(context + " (" + state + ")");
    });
    if (!failing.isEmpty()) {
      return CheckOutcome.failed("required status checks not green on " + sha + " (branch " + branch + "): "
          + String.join(", ", failing), "failing or missing: " + String.join(", ", failing)
          + "\ngreen: " + (green.isEmpty() ? "none" : String.join(", ", green)));
    }
    return CheckOutcome.passed("branch " + branch + " is protected; required checks green on " + sha + ": "
        + String.join(", ", green));
  }

  /** Required context -> app id (ANY_APP when any source counts); from "checks" and the older "contexts". */
  private static Map<String, Long> requiredChecks(JsonNode requiredStatusChecks) {
    Map<String, Long> required = new LinkedHashMap<>();
    requiredStatusChecks.path("checks").forEach(check -> required.put(check.path("context").asText(),
        check.path("app_id").isNumber() ? check.path("app_id").asLong() : ANY_APP));
    requiredStatusChecks.path("contexts").forEach(context -> required.putIfAbsent(context.asText(), ANY_APP));
    return required;
  }

  /** "success", or what stands in the way: a check run's status or conclusion, a status's state, "missing". */
  private static String stateOf(String context, long appId, List<JsonNode> checkRuns, List<JsonNode> statuses) {
    String found = null;
    for (JsonNode run : checkRuns) {
      if (!run.path("name").asText().equals(context)
          || (appId != ANY_APP && run.path("app").path("id").asLong() != appId)) {
        continue;
      }
      String status = run.path("status").asText();
      String conclusion = run.path("conclusion").asText();
      if (status.equals("completed") && PASSING_CONCLUSIONS.contains(conclusion)) {
        return "success";
      }
      found = status.equals("completed") ? conclusion : status;
    }
    for (JsonNode status : statuses) {
      if (status.path("context").asText().equals(context)) {
        String state = status.path("state").asText();
        if (state.equals("success")) {
          return "success";
        }
        found = found == null ? state : found;
      }
    }
    return found == null ? "missing" : found;
  }
}
