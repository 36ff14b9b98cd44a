package com.mayorcrew.deploy.github;

import org.springframework.stereotype.Component;

/**
 * Resolves the requested refs to commit SHAs: {@code HEAD} (the default branch's head), {@code refs/heads/x},
 * {@code refs/tags/x}, plain branch or tag names, short or full SHAs.
 */
@Component
public class RefResolver {

  private static final String HEAD = "HEAD";
  private static final String HEADS = "refs/heads/";
  private static final String TAGS = "refs/tags/";

  private final GitHubClient github;
  private final GitHubProperties properties;

  public RefResolver(GitHubClient github, GitHubProperties properties) {
    this.github = github;
    this.properties = properties;
  }

  public ResolvedRefs resolve(String service, String gastownRef, String gtruntimeRef) {
    GitHubProperties.Service config = properties.requireService(service);
    String gastownSha = resolve(config.gastown(), gastownRef);
    String gtruntimeSha = config.gtruntime().map(repository -> resolve(repository, gtruntimeRef)).orElse(null);
    return new ResolvedRefs(gastownSha, gtruntimeSha);
  }

  /** One ref of one repository to its commit SHA. */
  public String resolve(RepositoryName repository, String ref) {
    String name = HEAD.equals(ref) ? defaultBranch(repository) : withoutRefPrefix(ref);
    try {
      return github.getSha(repository.path() + "/commits/" + GitHubPaths.ref(name));
    } catch (GitHubAccessException e) {
      // An unknown ref answers 422 "No commit found" or 404, a hidden repository 404 too: ask for the repository
      // to tell the two apart.
      if (e.status() != 404 && e.status() != 422) {
        throw e;
      }
      defaultBranch(repository);
      throw new GitHubAccessException(e.status(), "ref not found: '" + ref + "' does not resolve to a commit in "
          + repository + " (" + e.getMessage() + ")");
    }
  }

  private String defaultBranch(RepositoryName repository) {
    try {
      return github.get(repository.path()).path("default_branch").asText();
    } catch (GitHubAccessException e) {
      if (e.status() != 404) {
        throw e;
      }
      throw new GitHubAccessException(404, "repository not found or not visible to the token: " + repository
          + " (" + e.getMessage() + ")");
    }
  }

  private static String withoutRefPrefix(String ref) {
    if (ref.startsWith(HEADS)) {
      return ref.substring(HEADS.length());
    }
    return ref.startsWith(TAGS) ? ref.substring(TAGS.length()) : ref;
  }
}
