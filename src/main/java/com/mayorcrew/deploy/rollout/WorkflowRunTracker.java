package com.mayorcrew.deploy.rollout;

import com.mayorcrew.deploy.github.GitHubClient;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHWorkflowRun;
import org.springframework.stereotype.Component;

/** Observes a workflow run once: its status, conclusion and page, and which jobs failed when it did. */
@Component
public class WorkflowRunTracker {

  // Job conclusions that do not count as a failed job.
  private static final Set<String> HARMLESS_JOB_CONCLUSIONS = Set.of("success", "skipped", "neutral");
  private static final int PAGE_SIZE = 100;

  private final GitHubClient github;
  private final GitHubProperties properties;

  public WorkflowRunTracker(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public WorkflowRunObservation observe(String service, long runId) {
    GHRepository repository = github.repository(properties.requireService(service).gastown());
    GHWorkflowRun run = github.library(library -> repository.getWorkflowRun(runId));
    String status = Objects.toString(run.getStatus(), "");
    String conclusion = Objects.toString(run.getConclusion(), "");
    List<String> failingJobs = List.of();
    if ("completed".equals(status) && !"success".equals(conclusion)) {
      failingJobs = github.library(library -> run.listJobs().withPageSize(PAGE_SIZE).toList()).stream()
          .filter(job -> job.getConclusion() != null
              && !HARMLESS_JOB_CONCLUSIONS.contains(job.getConclusion().toString()))
          .map(job -> job.getName() + " (" + job.getConclusion() + ")")
          .toList();
    }
    String htmlUrl = github.library(library -> run.getHtmlUrl().toString());
    return new WorkflowRunObservation(runId, status, conclusion, htmlUrl, failingJobs);
  }
}
