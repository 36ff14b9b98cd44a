package com.mayorcrew.deploy.github;

import static com.mayorcrew.deploy.github.FakeGitHub.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.mayorcrew.deploy.config.SecretStore;
import com.mayorcrew.deploy.github.RefResolver;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * The wire format and the error classes of GitHub's REST API against a local server, for both transports: a GET
 * through org.kohsuke:github-api (the repository) and one over RestClient (the runners).
 */
class GitHubClientTest {

  private static final String RUNNERS = REPO + "/actions/runners";

  /** One GET of each transport, with the path the fake answers. */
  enum Transport {
    LIBRARY(REPO) {
      @Override
      void get(GitHubClient client) {
        client.library(github -> github.getRepository("mayor/gastown"));
      }
    },
    REST_CLIENT(RUNNERS) {
      @Override
      void get(GitHubClient client) {
        client.getAll(RUNNERS, "runners");
      }
    };

    final String path;

    Transport(String path) {
      this.path = path;
    }

    abstract void get(GitHubClient client);
  }

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
  void restClientSendsTheTokenAsBearerWithApiVersionAndMediaType() {
    fake.on("GET " + RUNNERS, 200, runners(1, 1));

    client.getAll(RUNNERS, "runners");

    FakeGitHub.Recorded request = fake.last("GET", RUNNERS);
    assertThat(request.headers().getFirst("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.headers().getFirst("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(request.headers().getFirst("Accept")).isEqualTo("application/vnd.github+json");
  }

  @Test
  void theLibrarySendsTheTokenReadAtEachRequest() {
    fake.onRepository("mayor/gastown", "main");
    MockEnvironment environment = new MockEnvironment().withProperty(TOKEN_SECRET, "first-token");
    GitHubClient rotating = new GitHubClient(fake.properties(service()), new SecretStore(environment));

    assertThat(rotating.repository(RepositoryName.parse("mayor/gastown")).getDefaultBranch()).isEqualTo("main");
    environment.setProperty(TOKEN_SECRET, "second-token");
    rotating.repository(RepositoryName.parse("mayor/gastown"));

    assertThat(fake.requests()).extracting(request -> request.headers().getFirst("Authorization"))
        .containsExactly("Bearer first-token", "Bearer second-token");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void badTokenIsAccessBlockedNamingTheEndpoint(Transport transport) {
    fake.on("GET " + transport.path, 401, "{\"message\":\"Bad credentials\"}");

    assertFails(transport, GitHubAccessException.class, e -> {
      assertThat(e.status()).isEqualTo(401);
      assertThat(e.getMessage()).contains("GET /api/v3" + transport.path, "Bad credentials",
          "bad, expired or revoked", TOKEN_SECRET);
    });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void forbiddenWithoutRateLimitHeadersIsAnUnderScopedToken(Transport transport) {
    fake.on("GET " + transport.path, 403, "{\"message\":\"Resource not accessible by personal access token\"}",
        "X-RateLimit-Remaining", "4999");

    assertFails(transport, GitHubAccessException.class, e -> {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.getMessage()).contains(transport.path, "lacks a scope or permission");
    });
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void notFoundIsAccessBlockedWithItsStatus(Transport transport) {
    assertFails(transport, GitHubAccessException.class, e -> {
      assertThat(e.status()).isEqualTo(404);
      assertThat(e.getMessage()).contains(transport.path, "Not Found", "not visible to the token");
    });
  }

  @Test
  void aHiddenRepositoryIsNamedAsSuch() {
    assertThatThrownBy(() -> client.repository(RepositoryName.parse("mayor/gastown")))
        .hasMessageStartingWith("repository not found or not visible to the token: mayor/gastown");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void primaryRateLimitRetriesAtTheResetWithoutWaiting(Transport transport) {
    long reset = NOW.plus(Duration.ofMinutes(17)).getEpochSecond();
    fake.on("GET " + transport.path, 403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}",
        "X-RateLimit-Limit", "5000", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));

    assertRateLimitedAt(transport, Instant.ofEpochSecond(reset));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void primaryRateLimitAlsoAs429(Transport transport) {
    long reset = NOW.plusSeconds(90).getEpochSecond();
    fake.on("GET " + transport.path, 429, "{\"message\":\"API rate limit exceeded\"}",
        "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", Long.toString(reset));

    assertRateLimitedAt(transport, Instant.ofEpochSecond(reset));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void secondaryRateLimitRetriesAfterRetryAfter(Transport transport) {
    fake.on("GET " + transport.path, 403, "{\"message\":\"You have exceeded a secondary rate limit.\"}",
        "Retry-After", "45", "X-RateLimit-Remaining", "4990");

    assertRateLimitedAt(transport, NOW.plusSeconds(45));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void secondaryRateLimitWithoutRetryAfterWaitsAMinute(Transport transport) {
    fake.on("GET " + transport.path, 403, "{\"message\":\"You have exceeded a secondary rate limit.\"}");

    assertRateLimitedAt(transport, NOW.plus(Duration.ofMinutes(1)));
  }

  @Test
  void aRateLimitedDispatchAlsoRetriesAfterRetryAfter() {
    fake.on("POST " + REPO + "/actions/workflows/canary-deploy.yml/dispatches", 403,
        "{\"message\":\"You have exceeded a secondary rate limit.\"}", "Retry-After", "45");

    assertThatThrownBy(() -> client.post(REPO + "/actions/workflows/canary-deploy.yml/dispatches", Map.of()))
        .isInstanceOfSatisfying(GitHubRateLimitedException.class,
            e -> assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(45)));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void serverErrorIsTechnicalAndAskedOnce(Transport transport) {
    fake.on("GET " + transport.path, 502, "{\"message\":\"Server Error\"}");

    assertFails(transport, GitHubUnavailableException.class, e -> assertThat(e).hasMessageContaining("502"));
    assertThat(fake.requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void unreachableServerIsTechnicalAtOnce(Transport transport) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    GitHubClient unreachable = fake.client(new GitHubProperties("http://127.0.0.1:" + closedPort + "/api/v3",
        TOKEN_SECRET, "2022-11-28", Duration.ofSeconds(1), Duration.ofSeconds(2), Map.of()));

    long started = System.nanoTime();
    assertThatThrownBy(() -> transport.get(unreachable)).isInstanceOf(GitHubUnavailableException.class)
        .hasMessageContaining("not reachable");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aServerThatAcceptsAndNeverAnswersIsTechnicalWithinTheRequestTimeout(Transport transport) {
    fake.silentOn("GET " + transport.path, null, -1);

    assertUnansweredWithinOneSecond(transport);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aServerThatFallsSilentMidAnswerIsTechnicalWithinTheRequestTimeout(Transport transport) {
    fake.silentOn("GET " + transport.path, runners(1, 3), 20);

    assertUnansweredWithinOneSecond(transport);
  }

  private void assertUnansweredWithinOneSecond(Transport transport) {
    GitHubClient hasty = fake.client(new GitHubProperties(fake.baseUrl(), TOKEN_SECRET, "2022-11-28",
        Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of()));

    long started = System.nanoTime();
    assertThatThrownBy(() -> transport.get(hasty)).isInstanceOf(GitHubUnavailableException.class)
        .hasMessageContaining("GET /api/v3" + transport.path)
        .hasMessageContaining("no complete answer within 1.0 s");
    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("silent GitHub (%s): unavailable after %d ms (request-timeout 1000 ms)%n", transport,
        waited.toMillis());
    assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofMillis(3000));
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void followsLinkHeadersAcrossPagesWithPerPage100() {
    fake.on("GET " + RUNNERS + "?per_page=100", 200, runners(1, 2),
        "Link", "<" + fake.baseUrl() + RUNNERS + "?per_page=100&page=2>; rel=\"next\", <" + fake.baseUrl()
            + RUNNERS + "?per_page=100&page=3>; rel=\"last\"");
    fake.on("GET " + RUNNERS + "?per_page=100&page=2", 200, runners(3, 4),
        "Link", "<" + fake.baseUrl() + RUNNERS + "?per_page=100&page=3>; rel=\"next\"");
    fake.on("GET " + RUNNERS + "?per_page=100&page=3", 200, runners(5, 5));

    List<JsonNode> all = client.getAll(RUNNERS, "runners");

    assertThat(all).extracting(runner -> runner.path("name").asText())
        .containsExactly("runner-1", "runner-2", "runner-3", "runner-4", "runner-5");
    assertThat(fake.requests()).hasSize(3);
  }

  @Test
  void restClientRefusesANextPageOnAnotherHost() {
    fake.on("GET " + RUNNERS, 200, runners(1, 1), "Link", "<https://elsewhere.example/next?page=2>; rel=\"next\"");

    assertThatThrownBy(() -> client.getAll(RUNNERS, "runners")).isInstanceOf(GitHubUnavailableException.class)
        .hasMessageContaining("another host");
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void theLibraryDoesNotTakeTheTokenToAnotherHost() {
    fake.onRepository("mayor/gastown", "main");
    fake.on("GET " + REPO + "/actions/runs", 200, "{\"total_count\":2,\"workflow_runs\":[]}",
        "Link", "<https://elsewhere.example/api/v3" + REPO + "/actions/runs?page=2>; rel=\"next\"");

    assertThatThrownBy(() -> client.library(github -> github.getRepository("mayor/gastown").queryWorkflowRuns()
        .list().toList())).isInstanceOf(GitHubUnavailableException.class).hasMessageContaining("another host");
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void missingTokenIsAccessBlockedWithoutARequest(Transport transport) {
    GitHubClient tokenless = new GitHubClient(fake.properties(service()), new SecretStore(new MockEnvironment()));

    assertThatThrownBy(() -> transport.get(tokenless)).isInstanceOfSatisfying(GitHubAccessException.class, e -> {
      assertThat(e.status()).isZero();
      assertThat(e.getMessage()).contains("no GitHub token", TOKEN_SECRET);
    });
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void theTokenNeverAppearsInExceptionsOrLogs() {
    fake.onRepository("mayor/gastown", "main");
    fake.on("GET " + RUNNERS, 401, "{\"message\":\"Bad credentials\"}");
    fake.on("GET " + REPO + "/commits/a", 403, "{\"message\":\"Forbidden\"}");
    fake.on("GET " + REPO + "/commits/b", 403, "{}", "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "1900000000");
    fake.on("GET " + REPO + "/commits/c", 500, "{}");
    fake.on("GET " + REPO + "/commits/d", 422, "{\"message\":\"No commit found\"}");

    List<ThrowingCallable> calls = List.of(() -> client.getAll(RUNNERS, "runners"),
        () -> new RefResolver(client, fake.properties(service())).resolve(RepositoryName.parse("mayor/gastown"), "a"),
        () -> new RefResolver(client, fake.properties(service())).resolve(RepositoryName.parse("mayor/gastown"), "b"),
        () -> new RefResolver(client, fake.properties(service())).resolve(RepositoryName.parse("mayor/gastown"), "c"),
        () -> new RefResolver(client, fake.properties(service())).resolve(RepositoryName.parse("mayor/gastown"), "d"));
    calls.forEach(call -> assertThatThrownBy(call).satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN)));
    assertThat(logs.list).isNotEmpty()
        .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(TOKEN));
  }

  private <E extends RuntimeException> void assertFails(Transport transport, Class<E> type, Consumer<E> check) {
    assertThatThrownBy(() -> transport.get(client)).isInstanceOfSatisfying(type, check);
  }

  /** Rate limited at {@code retryAt}, and at once: nothing sleeps until the limit resets. */
  private void assertRateLimitedAt(Transport transport, Instant retryAt) {
    long started = System.nanoTime();
    assertFails(transport, GitHubRateLimitedException.class, e -> assertThat(e.retryAt()).isEqualTo(retryAt));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(fake.requests()).hasSize(1);
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
