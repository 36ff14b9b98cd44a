package com.mayorcrew.deploy.github;

/**
 * GitHub refused a request in a way that a person must fix: bad or under-scoped token, repository or ref not
 * found or not visible, a request GitHub rejects. A business failure ("repo access blocked"), never retried.
 */
public class GitHubAccessException extends RuntimeException {

  private final int status;

  public GitHubAccessException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status GitHub answered, or 0 when no request was made (e.g. no token configured). */
  public int status() {
    return status;
  }
}
