package com.mayorcrew.deploy.github;

import java.time.Instant;

/**
 * GitHub's primary or secondary rate limit was hit. The request may be repeated at {@link #retryAt()}; the model
 * waits for that with a timer, so no thread is blocked.
 */
public class GitHubRateLimitedException extends RuntimeException {

  private final Instant retryAt;

  public GitHubRateLimitedException(String message, Instant retryAt) {
    super(message);
    this.retryAt = retryAt;
  }

  public Instant retryAt() {
    return retryAt;
  }
}
