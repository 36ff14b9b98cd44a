package com.mayorcrew.deploy.prechecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubClient;
import com.mayorcrew.deploy.github.GitHubPaths;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.RepositoryName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHRepository;
import org.springframework.stereotype.Component;

/**
 * "Branch protection passes for target branch": the branch is protected, by classic branch protection or by a
 * repository or organisation ruleset, and every status check they require is green on the resolved commit, whether
 * the check reports as a check run or as a commit status.
 */
@Component
public class BranchProtectionCheck {

  // GitHub counts these check run conclusions as passing a required check.
  private static final Set<String> PASSING_CONCLUSIONS = Set.of("success", "neutral", "skipped");
  // "Any app" in a protection's checks list.
  private static final long ANY_APP = -1;
  private static final int PAGE_SIZE = 100;
  private static final String REQUIRED_STATUS_CHECKS_RULE = "required_status_checks";

  private final GitHubClient github;
  private final GitHubProperties properties;

  public BranchProtectionCheck(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public CheckOutcome check(String service, String branch, String sha) {
    RepositoryName repository = properties.requireService(service).gastown();
    GHRepository found = github.repository(repository);
    Map<String, Long> required = new LinkedHashMap<>();
    List<String> protections = new ArrayList<>();
    try {
      GHBranchProtection protection = github.library(library -> found.getBranch(branch).getProtection());
      protections.add("branch protection");
      addRequiredChecks(required, protection.getRequiredStatusChecks());
    } catch (GitHubAccessException e) {
      if (e.status() == 404 && e.getMessage().contains("Branch not found")) {
        return CheckOutcome.failed("branch not found: " + branch + " in " + repository, "GitHub: " + e.getMessage());
      }
      if (e.status() != 404 || !e.getMessage().contains("Branch not protected")) {
        throw e;
      }
    }
    List<JsonNode> rules = rulesFor(repository, branch);
    if (!rules.isEmpty()) {
      protections.add("ruleset rules " + rules.stream().map(rule -> rule.path("type").asText()).distinct().toList());
      addRequiredChecks(required, rules);
    }
    if (protections.isEmpty()) {
      return CheckOutcome.failed("branch not protected: " + branch + " in " + repository,
          "GitHub: no branch protection and no ruleset rule applies to " + branch);
    }
    String protectedBy = "branch " + branch + " is protected (" + String.join("; ", protections) + ")";
    if (required.isEmpty()) {
      return CheckOutcome.passed(protectedBy + "; it requires no status checks");
    }
    List<GHCheckRun> checkRuns = github.library(library -> found.getCheckRuns(sha).withPageSize(PAGE_SIZE).toList());
    Map<String, String> statuses = latestStatuses(github.library(library ->
        found.listCommitStatuses(sha).withPageSize(PAGE_SIZE).toList()));
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
    return CheckOutcome.passed(protectedBy + "; required checks green on " + sha + ": " + String.join(", ", green));
  }

  /**
   * The active ruleset rules for the branch ("Get rules for a branch", over RestClient: github-api 1.330 has no
   * rulesets). A server without rulesets (older GitHub Enterprise Server) answers 404: no rules.
   */
  private List<JsonNode> rulesFor(RepositoryName repository, String branch) {
    try {
      return github.getAll(repository.path() + "/rules/branches/" + GitHubPaths.branch(branch), "rules");
    } catch (GitHubAccessException e) {
      if (e.status() == 404) {
        return List.of();
      }
      throw e;
    }
  }

  /** Classic protection's required checks: context -> app id from "checks", and the older "contexts". */
  private static void addRequiredChecks(Map<String, Long> required,
      GHBranchProtection.RequiredStatusChecks requiredStatusChecks) {
    if (requiredStatusChecks == null) {
      return;
    }
    if (requiredStatusChecks.getChecks() != null) {
      requiredStatusChecks.getChecks().forEach(check -> required.put(check.getContext(),
          check.getAppId() == null ? ANY_APP : check.getAppId().longValue()));
    }
    if (requiredStatusChecks.getContexts() != null) {
      requiredStatusChecks.getContexts().forEach(context -> required.putIfAbsent(context, ANY_APP));
    }
  }

  /** A ruleset's "required_status_checks" rules: context -> integration id (the app), ANY_APP without one. */
  private static void addRequiredChecks(Map<String, Long> required, List<JsonNode> rules) {
    rules.stream().filter(rule -> REQUIRED_STATUS_CHECKS_RULE.equals(rule.path("type").asText()))
        .flatMap(rule -> StreamSupport.stream(rule.path("parameters").path("required_status_checks").spliterator(),
            false))
        .forEach(check -> required.putIfAbsent(check.path("context").asText(),
            check.path("integration_id").canConvertToLong() ? check.path("integration_id").asLong() : ANY_APP));
  }

  /** Context -> state of its latest commit status; GitHub lists a commit's statuses newest first. */
  private static Map<String, String> latestStatuses(List<GHCommitStatus> statuses) {
    Map<String, String> latest = new LinkedHashMap<>();
    statuses.forEach(status -> latest.putIfAbsent(status.getContext(),
        Objects.toString(status.getState(), "").toLowerCase(Locale.ROOT)));
    return latest;
  }

  /** "success", or what stands in the way: a check run's status or conclusion, a status's state, "missing". */
  private static String stateOf(String context, long appId, List<GHCheckRun> checkRuns,
      Map<String, String> statuses) {
    String found = null;
    for (GHCheckRun run : checkRuns) {
      if (!context.equals(run.getName())
          || (appId != ANY_APP && (run.getApp() == null || run.getApp().getId() != appId))) {
        continue;
      }
      String status = Objects.toString(run.getStatus(), "");
      String conclusion = Objects.toString(run.getConclusion(), "");
      if (status.equals("completed") && PASSING_CONCLUSIONS.contains(conclusion)) {
        return "success";
      }
      found = status.equals("completed") ? conclusion : status;
    }
    String state = statuses.get(context);
    if ("success".equals(state)) {
      return "success";
    }
    return found != null ? found : state != null ? state : "missing";
  }
}
