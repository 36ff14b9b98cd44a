package com.mayorcrew.deploy.github;

/** GitHub answered 5xx or could not be reached: a technical fault that the engine retries, then an incident. */
public class GitHubUnavailableException extends RuntimeException {

  public GitHubUnavailableException(String message) {
    super(message);
  }

  public GitHubUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
