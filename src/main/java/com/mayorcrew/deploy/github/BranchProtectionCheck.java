package com.mayorcrew.deploy.github;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.kohsuke.github.GHBranchProtection;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHRepository;
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
  private static final int PAGE_SIZE = 100;

  private final GitHubClient github;
  private final GitHubProperties properties;

  public BranchProtectionCheck(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public CheckOutcome check(String service, String branch, String sha) {
    RepositoryName repository = properties.requireService(service).gastown();
    GHRepository found = github.repository(repository);
    GHBranchProtection protection;
    try {
      protection = github.library(library -> found.getBranch(branch).getProtection());
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
    Map<String, Long> required = requiredChecks(protection.getRequiredStatusChecks());
    if (required.isEmpty()) {
      return CheckOutcome.passed("branch " + branch + " is protected; it requires no status checks");
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
    return CheckOutcome.passed("branch " + branch + " is protected; required checks green on " + sha + ": "
        + String.join(", ", green));
  }

  /** Required context -> app id (ANY_APP when any source counts); from "checks" and the older "contexts". */
  private static Map<String, Long> requiredChecks(GHBranchProtection.RequiredStatusChecks requiredStatusChecks) {
    Map<String, Long> required = new LinkedHashMap<>();
    if (requiredStatusChecks == null) {
      return required;
    }
    if (requiredStatusChecks.getChecks() != null) {
      requiredStatusChecks.getChecks().forEach(check -> required.put(check.getContext(),
          check.getAppId() == null ? ANY_APP : check.getAppId().longValue()));
    }
    if (requiredStatusChecks.getContexts() != null) {
      requiredStatusChecks.getContexts().forEach(context -> required.putIfAbsent(context, ANY_APP));
    }
    return required;
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
