package com.mayorcrew.deploy.prechecks;

import com.mayorcrew.deploy.github.GitHubAccessException;
import com.mayorcrew.deploy.github.GitHubClient;
import com.mayorcrew.deploy.github.GitHubPaths;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.RepositoryName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * "Required GitHub-side secrets": the secrets the workflow needs exist as repository secrets, organisation
 * secrets shared with the repository, or secrets of the configured environment. The API lists names only, so no
 * value is ever read.
 */
@Component
public class GitHubSecretsCheck {

  private final GitHubClient github;
  private final GitHubProperties properties;

  public GitHubSecretsCheck(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public MissingSecrets check(String service) {
    GitHubProperties.Service config = properties.requireService(service);
    if (config.requiredSecrets().isEmpty()) {
      return new MissingSecrets(List.of(), "nothing required");
    }
    RepositoryName repository = config.gastown();
    // GitHub stores secret names in upper case and matches them case-insensitively.
    Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    List<String> searched = new ArrayList<>();
    addNames(present, repository.path() + "/actions/secrets");
    searched.add("repository " + repository);
    addNames(present, repository.path() + "/actions/organization-secrets");
    searched.add("organisation secrets shared with it");
    config.githubEnvironment().ifPresent(environment -> {
      try {
        addNames(present, repository.path() + "/environments/" + GitHubPaths.segment(environment) + "/secrets");
        searched.add("environment " + environment);
      } catch (GitHubAccessException e) {
        if (e.status() != 404) {
          throw e;
        }
        searched.add("environment " + environment + " (does not exist)");
      }
    });
    List<String> missing = config.requiredSecrets().stream()
        .filter(name -> !present.contains(name.toUpperCase(Locale.ROOT))).toList();
    return new MissingSecrets(missing, String.join(", ", searched));
  }

  private void addNames(Set<String> names, String path) {
    github.getAll(path, "secrets").forEach(secret -> names.add(secret.path("name").asText()));
  }
}
