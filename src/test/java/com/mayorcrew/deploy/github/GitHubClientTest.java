package com.mayorcrew.deploy.github;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The wire format and the error classes of GitHub's REST API, against a local server. */
class GitHubClientTest {

  private FakeGitHub fake;
  private GitHubClient client;
  private ListAppender<ILoggingEvent> logs;
  private Logger logger;

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeGitHub();
    client = fake.client(fake.properties(service()));
    logger = (Logger) LoggerFactory.getLogger("com.mayorcrew.deploy.github");
    logger.setLevel(Level.TRACE);
    logs = new ListAppender<>();
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(logs);
    logger.setLevel(null);
    fake.close();
  }

  @Test
  void sendsTheTokenAsBearerWithApiVersionAndMediaType() {
    fake.on("GET " + REPO, 200, "{\"full_name\":\"mayor/gastown\",\"default_branch\":\"main\"}");

    JsonNode repository = client.get(REPO);

    assertThat(repository.path("default_branch").asText()).isEqualTo("main");
    FakeGitHub.Recorded request = fake.last("GET", REPO);
    assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.headers().getFirst("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(request.headers().getFirst("Accept")).isEqualTo("application/vnd.github+json");
  }

  @Test
  void badTokenIsAccessBlockedNamingTheEndpoint() {
    fake.on("GET " + REPO, 401, "{\"message\":\"Bad credentials\"}");

    assertThatThrownBy(() -> client.get(REPO)).isInstanceOfSatisfying(GitHubAccessException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).contains("GET /api/v3/repos/mayor/gastown", "Bad credentials",
          "bad, expired or revoked", TOKEN_SECRET);
    });
  }

  @Test
  void forbiddenWithoutRateLimitHeadersIsAnUnderScopedToken() {
    fake.on("GET " + REPO + "/actions/runners", 403,
        "{\"message\":\"Resource not accessible by personal access token\"}", "X-RateLimit-Remaining", "4999");

    assertThatThrownBy(() -> client.getAll(REPO + "/actions/runners", "runners"))
        .isInstanceOfSatisfying(GitHubAccessException.class, e -> {
          assertThat(e.status()).isEqualTo(403);
          assertThat(e.getMessage()).contains("/actions/runners", "lacks a scope or permission");
        });
  }

  @Test
  void notFoundIsAccessBlockedWithItsStatus() {
    assertThatThrownBy(() -> client.get("/repos/mayor/missing"))
        .isInstanceOfSatisfying(GitHubAccessException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).contains("not visible to the token");
        });
  }

  @Test
  void primaryRateLimitRetriesAtTheReset() {
    long reset = NOW.plus(Duration.ofMinutes(17)).getEpochSecond();
    fake.on("GET " + REPO, 403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}",
        "X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));

    assertThatThrownBy(() -> client.get(REPO)).isInstanceOfSatisfying(GitHubRateLimitedException.class,
        e -> assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(reset)));
  }

  @Test
  void primaryRateLimitAlsoAs429() {
    long reset = NOW.plusSeconds(90).getEpochSecond();
    fake.on("GET " + REPO, 429, "{\"message\":\"API rate limit exceeded\"}",
        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));

    assertThatThrownBy(() -> client.get(REPO)).isInstanceOfSatisfying(GitHubRateLimitedException.class,
        e -> assertThat(e.retryAt()).isEqualTo(Instant.ofEpochSecond(reset)));
  }

  @Test
  void secondaryRateLimitRetriesAfterRetryAfter() {
    fake.on("POST " + REPO + "/actions/workflows/canary-deploy.yml/dispatches", 403,
        "{\"message\":\"You have exceeded a secondary rate limit.\"}", "Retry-After", "45",
        "X-RateLimit-Remaining", "4990");

    assertThatThrownBy(() -> client.post(REPO + "/actions/workflows/canary-deploy.yml/dispatches", Map.of()))
        .isInstanceOfSatisfying(GitHubRateLimitedException.class,
            e -> assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(45)));
  }

  @Test
  void secondaryRateLimitWithoutRetryAfterWaitsAMinute() {
    fake.on("GET " + REPO, 403, "{\"message\":\"You have exceeded a secondary rate limit.\"}");

    assertThatThrownBy(() -> client.get(REPO)).isInstanceOfSatisfying(GitHubRateLimitedException.class,
        e -> assertThat(e.retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(1))));
  }

  @Test
  void serverErrorIsTechnical() {
    fake.on("GET " + REPO, 502, "{\"message\":\"Server Error\"}");

    assertThatThrownBy(() -> client.get(REPO)).isInstanceOf(GitHubUnavailableException.class)
        .hasMessageContaining("502");
  }

  @Test
  void unreachableServerIsTechnical() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    GitHubProperties properties = new GitHubProperties("http://127.0.0.1:" + closedPort, TOKEN_SECRET,
        "2022-11-28", Duration.ofSeconds(1), Duration.ofSeconds(2), Map.of());
    GitHubClient unreachable = fake.client(properties);

    assertThatThrownBy(() -> unreachable.get(REPO)).isInstanceOf(GitHubUnavailableException.class)
        .hasMessageContaining("not reachable");
  }

  @Test
  void followsLinkHeadersAcrossPagesWithPerPage100() {
    String path = REPO + "/actions/runners";
    fake.on("GET " + path + "?per_page=100", 200, runners(1, 2),
        "Link", "<" + fake.baseUrl() + path + "?per_page=100&page=2>; rel=\"next\", <" + fake.baseUrl() + path
            + "?per_page=100&page=3>; rel=\"last\"");
    fake.on("GET " + path + "?per_page=100&page=2", 200, runners(3, 4),
        "Link", "<" + fake.baseUrl() + path + "?per_page=100&page=3>; rel=\"next\"");
    fake.on("GET " + path + "?per_page=100&page=3", 200, runners(5, 5));

    List<JsonNode> all = client.getAll(path, "runners");

    assertThat(all).extracting(runner -> runner.path("name").asText())
        .containsExactly("runner-1", "runner-2", "runner-3", "runner-4", "runner-5");
    assertThat(fake.requests()).hasSize(3);
  }

  @Test
  void refusesANextPageOnAnotherHost() {
    String path = REPO + "/actions/runners";
    fake.on("GET " + path, 200, runners(1, 1), "Link", "<https://elsewhere.example/next?page=2>; rel=\"next\"");

    assertThatThrownBy(() -> client.getAll(path, "runners")).isInstanceOf(GitHubUnavailableException.class)
        .hasMessageContaining("another host");
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void missingTokenIsAccessBlockedWithoutARequest() {
    GitHubClient tokenless = new GitHubClient(fake.properties(service()),
        new com.mayorcrew.deploy.security.SecretStore(new org.springframework.mock.env.MockEnvironment()));

    assertThatThrownBy(() -> tokenless.get(REPO)).isInstanceOfSatisfying(GitHubAccessException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).contains("no GitHub token", TOKEN_SECRET);
    });
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void theTokenNeverAppearsInExceptionsOrLogs() {
    fake.on("GET " + REPO, 401, "{\"message\":\"Bad credentials\"}");
    fake.on("GET " + REPO + "/a", 403, "{\"message\":\"Forbidden\"}");
    fake.on("GET " + REPO + "/b", 403, "{}", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1900000000");
    fake.on("GET " + REPO + "/c", 500, "{}");
    fake.on("GET " + REPO + "/d", 422, "{\"message\":\"No commit found\"}");

    for (String path : List.of(REPO, REPO + "/a", REPO + "/b", REPO + "/c", REPO + "/d")) {
      assertThatThrownBy(() -> client.get(path)).satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
    }
    assertThat(logs.list).isNotEmpty()
        .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN));
  }

  private static String runners(int from, int to) {
    StringBuilder items = new StringBuilder();
    for (int i = from; i <= to; i++) {
      items.append(i == from ? "" : ",").append("{\"id\":").append(i).append(",\"name\":\"runner-").append(i)
          .append("\",\"os\":\"linux\",\"status\":\"online\",\"busy\":false,\"labels\":[]}");
    }
    return "{\"total_count\":5,\"runners\":[" + items + "]}";
  }
}
