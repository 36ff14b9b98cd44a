package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a GitHub answer that is not 2xx into the exception that says what to do about it; the same for answers
 * seen by the library (org.kohsuke:github-api) and by RestClient.
 */
final class GitHubFailures {

  // GitHub's advice when a secondary limit comes without Retry-After: wait at least a minute.
  static final Duration SECONDARY_LIMIT_DEFAULT_WAIT = Duration.ofMinutes(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private GitHubFailures() {}

  /**
   * @param endpoint method and path, for the message
   * @param header the answer's first value of a header, by case-insensitive name
   * @param body the answer's body, GitHub's {"message": ...} JSON or anything else
   */
  static RuntimeException of(String endpoint, int status, Function<String, Optional<String>> header, String body,
      String tokenSecret, Clock clock) {
    String message = messageOf(body);
    if (status == 403 || status == 429) {
      Optional<Instant> retryAt = rateLimitRetryAt(header, status, message, clock);
      if (retryAt.isPresent()) {
        return new GitHubRateLimitedException(endpoint + ": GitHub rate limit (" + status + " " + message
            + "); retry at " + retryAt.get(), retryAt.get());
      }
    }
    if (status == 401) {
      return new GitHubAccessException(status, endpoint + ": GitHub refused the token (401 " + message
          + "): the token in secret " + tokenSecret + " is bad, expired or revoked");
    }
    if (status == 403) {
      return new GitHubAccessException(status, endpoint + ": forbidden (403 " + message
          + "): the token in secret " + tokenSecret + " lacks a scope or permission this endpoint needs");
    }
    if (status == 404) {
      return new GitHubAccessException(status, endpoint + ": not found (404 " + message
          + "): it does not exist or is not visible to the token");
    }
    if (status >= 300 && status < 400) {
      return new GitHubAccessException(status, endpoint + ": moved (" + status + ") to "
          + header.apply("Location").orElse("?") + "; update the repository in mcd.github");
    }
    if (status >= 500) {
      return new GitHubUnavailableException(endpoint + ": GitHub answered " + status + " " + message);
    }
    return new GitHubAccessException(status, endpoint + ": GitHub refused the request (" + status + " " + message
        + ")");
  }

  /**
   * Primary limit: X-RateLimit-Remaining 0, retry at X-RateLimit-Reset (epoch seconds). Secondary limit:
   * Retry-After seconds, or GitHub's one-minute advice when a 429 or a "secondary rate limit" 403 has neither.
   * When both headers are present, the later time wins.
   */
  private static Optional<Instant> rateLimitRetryAt(Function<String, Optional<String>> header, int status,
      String message, Clock clock) {
    Instant now = clock.instant();
    Instant retryAt = null;
    if (header.apply("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent()) {
      retryAt = header.apply("X-RateLimit-Reset").flatMap(GitHubFailures::parseLong)
          .map(Instant::ofEpochSecond).orElse(now.plus(SECONDARY_LIMIT_DEFAULT_WAIT));
    }
    Optional<Long> retryAfter = header.apply("Retry-After").flatMap(GitHubFailures::parseLong);
    if (retryAfter.isPresent()) {
      Instant after = now.plusSeconds(retryAfter.get());
      retryAt = retryAt == null || after.isAfter(retryAt) ? after : retryAt;
    }
    if (retryAt == null && (status == 429 || message.toLowerCase(Locale.ROOT).contains("rate limit"))) {
      retryAt = now.plus(SECONDARY_LIMIT_DEFAULT_WAIT);
    }
    return Optional.ofNullable(retryAt).map(at -> at.isBefore(now) ? now : at);
  }

  private static Optional<Long> parseLong(String value) {
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** GitHub's error bodies are {"message": "...", "documentation_url": "..."}. */
  private static String messageOf(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode message = JSON.readTree(body).path("message");
      return message.isTextual() ? message.asText() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
