package com.mayorcrew.deploy.github;

import com.mayorcrew.deploy.config.SecretStore;
import com.mayorcrew.deploy.github.RefResolver;
import com.mayorcrew.deploy.rollout.WorkflowDispatcher;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.mock.env.MockEnvironment;

/**
 * A local stand-in for GitHub's REST API under a GitHub Enterprise Server style base path ({@code /api/v3}):
 * answers each "METHOD /path[?query]" with the documented JSON that a test registers, and records every request.
 * An exact path-and-query registration wins over a path-only one; the last answer of a path repeats.
 */
public final class FakeGitHub implements AutoCloseable {

  public static final String TOKEN = "ghp_itdFakeToken0123456789abcdefghijklmn";
  public static final String TOKEN_SECRET = "MCD_ITD_GITHUB_TOKEN";
  public static final String SERVICE = "gastown";
  public static final String REPO = "/repos/mayor/gastown";
  public static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  public static final long WORKFLOW_ID = 161335;

  public record Recorded(String method, String pathAndQuery, Headers headers, String body) {}

  /** {@code silentAfter}: the bytes of the body sent before the server falls silent; -1 sends the whole answer. */
  private record Answer(int status, String body, String[] headers, int silentAfter) {

    Answer(int status, String body, String[] headers) {
      this(status, body, headers, -1);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  /** Holds the exchanges of silent answers until the server closes. */
  private final CountDownLatch silence = new CountDownLatch(1);
  private final ExecutorService exchanges = Executors.newCachedThreadPool();

  public FakeGitHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // one thread per exchange: a silent answer must not hold the others
    server.setExecutor(exchanges);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v3";
  }

  /** Registers an answer; headers alternate name, value. */
  public FakeGitHub on(String methodAndPath, int status, String body, String... headers) {
    answers.computeIfAbsent(methodAndPath, key -> new ArrayDeque<>()).add(new Answer(status, body, headers));
    return this;
  }

  /**
   * A GitHub that accepted the connection and then hangs: the request is read, and after the status line,
   * headers and the first {@code bytesBeforeSilence} bytes of {@code body} (none at all when negative) nothing
   * more comes until the server closes.
   */
  public FakeGitHub silentOn(String methodAndPath, String body, int bytesBeforeSilence) {
    answers.computeIfAbsent(methodAndPath, key -> new ArrayDeque<>())
        .add(new Answer(bytesBeforeSilence < 0 ? 0 : 200, body, new String[0], Math.max(0, bytesBeforeSilence)));
    return this;
  }

  /** Forgets every registered answer and recorded request, for a server shared by several tests. */
  public void reset() {
    answers.clear();
    requests.clear();
  }

  public List<Recorded> requests() {
    return requests;
  }

  public Recorded last(String method, String pathPrefix) {
    return requests.stream().filter(r -> r.method().equals(method) && r.pathAndQuery().startsWith(pathPrefix))
        .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no " + method + " " + pathPrefix
            + " among " + requests));
  }

  // ------------------------------------------------------------------ GitHub's documented JSON, with URLs here

  /** "Get a repository": the library reads full_name, owner and default_branch, and follows url. */
  public FakeGitHub onRepository(String fullName, String defaultBranch) {
    String[] ownerAndName = fullName.split("/");
    return on("GET /repos/" + fullName, 200, """
        {"id":1296269,"name":"%s","full_name":"%s","owner":{"login":"%s","id":1,"type":"Organization"},
         "private":true,"url":"%s/repos/%s","html_url":"https://github.com/%s","default_branch":"%s"}"""
        .formatted(ownerAndName[1], fullName, ownerAndName[0], baseUrl(), fullName, fullName, defaultBranch));
  }

  /** "Get a commit" of {@code ref} in a repository path like {@link #REPO}. */
  public FakeGitHub onCommit(String repositoryPath, String ref, String sha) {
    return on("GET " + repositoryPath + "/commits/" + ref, 200, """
        {"sha":"%s","url":"%s%s/commits/%s","commit":{"message":"deploy","tree":{"sha":"%s"}},"parents":[],
         "files":[]}""".formatted(sha, baseUrl(), repositoryPath, sha, sha));
  }

  /** "Get a branch" of {@link #REPO}; the library then follows its protection_url. */
  public FakeGitHub onBranch(String branch, String sha) {
    return on("GET " + REPO + "/branches/" + branch, 200, """
        {"name":"%s","commit":{"sha":"%s","url":"%s%s/commits/%s"},"protected":true,
         "protection_url":"%s%s/branches/%s/protection"}"""
        .formatted(branch, sha, baseUrl(), REPO, sha, baseUrl(), REPO, branch));
  }

  /** "Get a workflow" for the service's canary-deploy.yml. */
  public FakeGitHub onWorkflow() {
    return on("GET " + REPO + "/actions/workflows/canary-deploy.yml", 200, """
        {"id":%d,"node_id":"MDg6V29ya2Zsb3cxNjEzMzU=","name":"Canary deploy","path":".github/workflows/canary-deploy.yml",
         "state":"active","url":"%s%s/actions/workflows/%d","html_url":"https://github.com/mayor/gastown/blob/main/.github/workflows/canary-deploy.yml"}"""
        .formatted(WORKFLOW_ID, baseUrl(), REPO, WORKFLOW_ID));
  }

  /** One workflow run of canary-deploy.yml as "Get a workflow run" and "List workflow runs" show it. */
  public String workflowRun(long id, String status, String conclusion, String headSha, String createdAt) {
    return workflowRun(id, status, conclusion, headSha, createdAt, "Canary deploy");
  }

  /** The same, with the display_title the workflow's run-name gave it (by default the workflow's name). */
  public String workflowRun(long id, String status, String conclusion, String headSha, String createdAt,
      String displayTitle) {
    return """
        {"id":%d,"name":"Canary deploy","display_title":"%s","head_branch":"canary","head_sha":"%s",
         "event":"workflow_dispatch",
         "status":"%s","conclusion":%s,"workflow_id":%d,"created_at":"%s","url":"%s%s/actions/runs/%d",
         "html_url":"https://github.com/mayor/gastown/actions/runs/%d","jobs_url":"%s%s/actions/runs/%d/jobs"}"""
        .formatted(id, displayTitle, headSha, status, conclusion == null ? "null" : "\"" + conclusion + "\"", WORKFLOW_ID,
            createdAt, baseUrl(), REPO, id, id, baseUrl(), REPO, id);
  }

  public GitHubProperties properties(GitHubProperties.Service service) {
    return new GitHubProperties(baseUrl(), TOKEN_SECRET, "2022-11-28", Duration.ofSeconds(2),
        Duration.ofSeconds(5), Map.of(SERVICE, service));
  }

  public GitHubClient client(GitHubProperties properties) {
    return new GitHubClient(properties, secrets(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  public WorkflowDispatcher dispatcher(GitHubProperties properties) {
    GitHubClient client = client(properties);
    return new WorkflowDispatcher(client, new RefResolver(client, properties), properties);
  }

  public static SecretStore secrets() {
    return new SecretStore(new MockEnvironment().withProperty(TOKEN_SECRET, TOKEN));
  }

  public static GitHubProperties.Service service() {
    return service(List.of("GT_WEB_AUTH_TOKEN_CANARY"), "canary");
  }

  public static GitHubProperties.Service service(List<String> requiredSecrets, String environment) {
    return new GitHubProperties.Service("mayor/gastown", "mayor/gtruntime", "canary-deploy.yml", "{branch}",
        Map.of("sha", "{sha}", "host", "{host}", "deploy_id", "{deployId}"), requiredSecrets, environment,
        Duration.ofSeconds(10), Duration.ofMinutes(30));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String pathAndQuery = exchange.getRequestURI().getRawPath().replaceFirst("^/api/v3", "")
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    requests.add(new Recorded(exchange.getRequestMethod(), pathAndQuery, exchange.getRequestHeaders(), body));
    String method = exchange.getRequestMethod();
    Deque<Answer> queue = answers.get(method + " " + pathAndQuery);
    if (queue == null) {
      queue = answers.get(method + " " + pathAndQuery.replaceFirst("\\?.*$", ""));
    }
    Answer answer = queue == null ? new Answer(404, "{\"message\":\"Not Found\"}", new String[0])
        : queue.size() > 1 ? queue.poll() : queue.peek();
    if (answer.status() == 0) {
      fallSilent();
      return;
    }
    for (int i = 0; i + 1 < answer.headers().length; i += 2) {
      exchange.getResponseHeaders().add(answer.headers()[i], answer.headers()[i + 1]);
    }
    byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0) {
      exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    }
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (answer.silentAfter() >= 0) {
        out.write(bytes, 0, Math.min(answer.silentAfter(), bytes.length));
        out.flush();
        fallSilent();
        return;
      }
      out.write(bytes);
    }
  }

  private void fallSilent() {
    try {
      silence.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    silence.countDown();
    server.stop(0);
    exchanges.shutdownNow();
  }
}
