package com.mayorcrew.deploy.github;

import org.kohsuke.github.GHRepository;
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
    GHRepository found = github.repository(repository);
    String name = HEAD.equals(ref) ? found.getDefaultBranch() : withoutRefPrefix(ref);
    try {
      return github.library(library -> found.getCommit(name).getSHA1());
    } catch (GitHubAccessException e) {
      // The repository is visible, so a 404 or 422 "No commit found" is about the ref.
      if (e.status() != 404 && e.status() != 422) {
        throw e;
      }
      throw new GitHubAccessException(e.status(), "ref not found: '" + ref + "' does not resolve to a commit in "
          + repository + " (" + e.getMessage() + ")");
    }
  }

  private static String withoutRefPrefix(String ref) {
    if (ref.startsWith(HEADS)) {
      return ref.substring(HEADS.length());
    }
    return ref.startsWith(TAGS) ? ref.substring(TAGS.length()) : ref;
  }
}
