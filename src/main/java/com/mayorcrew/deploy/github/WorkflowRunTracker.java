package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Observes a workflow run once: its status, conclusion and page, and which jobs failed when it did. */
@Component
public class WorkflowRunTracker {

  // Job conclusions that do not count as a failed job.
  private static final Set<String> HARMLESS_JOB_CONCLUSIONS = Set.of("success", "skipped", "neutral");

  private final GitHubClient github;
  private final GitHubProperties properties;

  public WorkflowRunTracker(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public WorkflowRunObservation observe(String service, long runId) {
    String runPath = properties.requireService(service).gastown().path() + "/actions/runs/" + runId;
    JsonNode run = github.get(runPath);
    String status = run.path("status").asText();
    String conclusion = run.path("conclusion").isTextual() ? run.path("conclusion").asText() : "";
    List<String> failingJobs = List.of();
    if ("completed".equals(status) && !"success".equals(conclusion)) {
      failingJobs = github.getAll(runPath + "/jobs", "jobs").stream()
          .filter(job -> job.path("conclusion").isTextual()
              && !HARMLESS_JOB_CONCLUSIONS.contains(job.path("conclusion").asText()))
          .map(job -> job.path("name").asText() + " (" + job.path("conclusion").asText() + ")")
          .toList();
    }
    return new WorkflowRunObservation(runId, status, conclusion, run.path("html_url").asText(), failingJobs);
  }
}
