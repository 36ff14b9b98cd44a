package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.config.SecretStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.GHException;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.HttpException;
import org.kohsuke.github.RateLimitChecker;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * GitHub's REST API, over two transports that share the token, the HTTP stack and the failure mapping:
 * <ul>
 *   <li>org.kohsuke:github-api ({@link #library}, {@link #repository}) for the endpoints it covers: repositories,
 *       commits, branches and their protection, check runs, commit statuses, workflow runs and their jobs;</li>
 *   <li>Spring's RestClient with GitHub's documented wire format ({@link #getAll}, {@link #post}) for what version
 *       1.330 does not cover: self-hosted runners, secret names, and workflow_dispatch with return_run_details
 *       (the library's dispatch returns nothing).</li>
 * </ul>
 * The token is read from the {@link SecretStore} for each request and never kept. Nothing waits: a rate limit
 * becomes {@link GitHubRateLimitedException} and the model decides when to try again; a 5xx or an unreachable
 * server becomes {@link GitHubUnavailableException} at once, for the engine's retries. Every request, answer
 * body included, has the request-timeout as its total deadline (Spring's JDK client cancels the exchange then),
 * so a server that accepts and never answers, or falls silent mid-answer, is unavailable after that time.
 */
@Component
public class GitHubClient {

  private static final Logger log = LoggerFactory.getLogger(GitHubClient.class);
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final String JSON_MEDIA_TYPE = "application/vnd.github+json";
  private static final String USER_AGENT = "mayor-crew-deploy";
  private static final int PER_PAGE = 100;
  // A guard against a Link chain that never ends: 100 pages of 100 items is far beyond any list used here.
  private static final int MAX_PAGES = 100;

  /** A call through org.kohsuke:github-api. */
  @FunctionalInterface
  public interface LibraryCall<T> {
    T on(GitHub github) throws IOException;
  }

  /** An answer with its status, JSON body (possibly empty) and the server's time of answering. */
  public record Response(int status, JsonNode body, Optional<Instant> serverDate) {}

  private record Answer(int status, HttpHeaders headers, String body) {}

  private final GitHubProperties properties;
  private final SecretStore secrets;
  private final Clock clock;
  private final RestClient rest;
  private final GitHub library;
  private final ObjectMapper json = new ObjectMapper();

  @Autowired
  public GitHubClient(GitHubProperties properties, SecretStore secrets) {
    this(properties, secrets, Clock.systemUTC());
  }

  GitHubClient(GitHubProperties properties, SecretStore secrets, Clock clock) {
    this.properties = properties;
    this.secrets = secrets;
    this.clock = clock;
    // No redirects: following one would send the token wherever the Location points.
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build());
    requests.setReadTimeout(properties.requestTimeout());
    this.rest = RestClient.builder().requestFactory(requests).build();
    this.library = buildLibrary();
  }

  private GitHub buildLibrary() {
    try {
      return new GitHubBuilder()
          .withEndpoint(properties.baseUrl())
          // Asked for each request, so a rotated token is used at once and none is kept.
          .withAuthorizationProvider(this::authorization)
          .withConnector(new RestClientGitHubConnector(rest, URI.create(properties.baseUrl()),
              properties.requestTimeout()))
          // The library's own handlers sleep until the limit resets; ours throw, and the model waits in a timer.
          .withRateLimitHandler(new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
              throw failure(response);
            }
          })
          .withAbuseLimitHandler(new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) throws IOException {
              throw failure(response);
            }
          })
          .withRateLimitChecker(RateLimitChecker.NONE)
          .build();
    } catch (IOException e) {
      throw new IllegalStateException("GitHub library not set up for " + properties.baseUrl() + ": " + e, e);
    }
  }

  /**
   * A call through org.kohsuke:github-api. Its failures become ours: the IOExceptions of single requests and the
   * GHExceptions its lists wrap them in.
   */
  public <T> T library(LibraryCall<T> call) {
    try {
      return call.on(library);
    } catch (IOException e) {
      throw failure(e);
    } catch (GHException e) {
      if (e.getCause() instanceof IOException cause) {
        throw failure(cause);
      }
      throw e;
    }
  }

  /** A repository through the library (one GET); 404 means it does not exist or the token cannot see it. */
  public GHRepository repository(RepositoryName repository) {
    try {
      return library(github -> github.getRepository(repository.toString()));
    } catch (GitHubAccessException e) {
      if (e.status() != 404) {
        throw e;
      }
      throw new GitHubAccessException(404, "repository not found or not visible to the token: " + repository
          + " (" + e.getMessage() + ")");
    }
  }

  /**
   * Every item of a list endpoint over RestClient, following the Link header page by page with per_page=100.
   * {@code itemsField} names the array in GitHub's wrapper object (e.g. "runners" in {"total_count": 2,
   * "runners": [...]}).
   */
  public List<JsonNode> getAll(String pathAndQuery, String itemsField) {
    List<JsonNode> items = new ArrayList<>();
    URI next = resolve(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
    for (int page = 1; next != null; page++) {
      if (page > MAX_PAGES) {
        throw new GitHubUnavailableException(endpoint("GET", next) + ": more than " + MAX_PAGES + " pages");
      }
      Answer answer = send(HttpMethod.GET, next, null);
      JsonNode body = parse(answer.body());
      (body.isArray() ? body : body.path(itemsField)).forEach(items::add);
      next = nextPage(next, answer.headers()).orElse(null);
    }
    return items;
  }

  /** POST of a JSON body over RestClient; any 2xx is returned, everything else raises as for GET. */
  public Response post(String path, Object body) {
    Answer answer = send(HttpMethod.POST, resolve(path), body);
    Optional<Instant> date = Optional.ofNullable(answer.headers().getFirst(HttpHeaders.DATE))
        .map(value -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    return new Response(answer.status(), parse(answer.body()), date);
  }

  public Clock clock() {
    return clock;
  }

  private Answer send(HttpMethod method, URI uri, Object body) {
    String endpoint = endpoint(method.name(), uri);
    RestClient.RequestBodySpec request = rest.method(method).uri(uri)
        .header(HttpHeaders.AUTHORIZATION, authorization())
        .header(HttpHeaders.ACCEPT, JSON_MEDIA_TYPE)
        .header("X-GitHub-Api-Version", properties.apiVersion())
        .header(HttpHeaders.USER_AGENT, USER_AGENT);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).body(body);
    }
    Answer answer;
    long started = System.nanoTime();
    try {
      answer = request.exchange((sent, response) -> new Answer(response.getStatusCode().value(),
          response.getHeaders(), read(response.getBody())));
    } catch (ResourceAccessException e) {
      throw unavailable(endpoint, e, started, properties.requestTimeout());
    }
    if (answer.status() / 100 != 2) {
      throw failure(endpoint, answer.status(), header(answer.headers()), answer.body());
    }
    return answer;
  }

  private String authorization() {
    String token = secrets.find(properties.tokenSecret()).orElseThrow(() -> new GitHubAccessException(0,
        "no GitHub token: secret " + properties.tokenSecret() + " is not set"));
    return "Bearer " + token;
  }

  /** The next page from the Link header; only on the configured API host, since the token goes with it. */
  private Optional<URI> nextPage(URI current, HttpHeaders headers) {
    Optional<URI> next = Optional.ofNullable(headers.getFirst(HttpHeaders.LINK)).map(NEXT_LINK::matcher)
        .filter(Matcher::find).map(matcher -> URI.create(matcher.group(1)));
    next.ifPresent(uri -> {
      if (!sameOrigin(uri, URI.create(properties.baseUrl()))) {
        throw new GitHubUnavailableException(endpoint("GET", current) + ": next page on another host: "
            + uri.getHost());
      }
    });
    return next;
  }

  /** A rate limit or other refusal seen by the library's error handlers. */
  private RuntimeException failure(GitHubConnectorResponse response) throws IOException {
    try (InputStream body = response.bodyStream()) {
      return failure(endpoint(response.request().method(), uri(response.request().url())), response.statusCode(),
          header(response.allHeaders()), body == null ? "" : read(body));
    }
  }

  /**
   * What the library threw for an answer that was not 2xx. Every call through the library here is a read, so the
   * endpoint is named as a GET.
   */
  private RuntimeException failure(IOException e) {
    if (e instanceof GHFileNotFoundException notFound) {
      // Its message is the URL, a space and GitHub's answer.
      String[] urlAndBody = Objects.toString(notFound.getMessage(), "").split(" ", 2);
      return failure(endpoint("GET", URI.create(urlAndBody[0])), 404, header(notFound.getResponseHeaderFields()),
          urlAndBody.length > 1 ? urlAndBody[1] : "");
    }
    if (e instanceof HttpException http && http.getResponseCode() >= 300) {
      return failure(endpoint("GET", URI.create(http.getUrl())), http.getResponseCode(), header(headersOf(http)),
          http.getMessage());
    }
    return new GitHubUnavailableException("GitHub's answer could not be read: " + e, e);
  }

  private RuntimeException failure(String endpoint, int status, Function<String, Optional<String>> header,
      String body) {
    RuntimeException failure = GitHubFailures.of(endpoint, status, header, body, properties.tokenSecret(), clock);
    log.info("GitHub {} -> {}", endpoint, failure.getMessage());
    return failure;
  }

  // The library wraps the HttpException made from the answer, which holds its headers, in one holding its body.
  private static Map<String, List<String>> headersOf(HttpException e) {
    HttpException innermost = e;
    while (innermost.getCause() instanceof HttpException cause) {
      innermost = cause;
    }
    return innermost.getResponseHeaderFields();
  }

  private static Function<String, Optional<String>> header(Map<String, List<String>> headers) {
    return name -> headers.entrySet().stream().filter(entry -> name.equalsIgnoreCase(entry.getKey()))
        .flatMap(entry -> entry.getValue().stream()).findFirst();
  }

  /**
   * A request that failed on the way, sent at {@code startedNanos}: GitHub is not reachable, or, once the
   * request-timeout has passed, did not answer completely in time.
   */
  static GitHubUnavailableException unavailable(String endpoint, Exception e, long startedNanos,
      Duration requestTimeout) {
    long waitedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    String why = waitedMillis >= requestTimeout.toMillis()
        ? String.format(Locale.ROOT, "no complete answer within %.1f s (mcd.github.request-timeout)",
            requestTimeout.toMillis() / 1000.0)
        : "GitHub not reachable";
    return new GitHubUnavailableException(endpoint + ": " + why + ": " + e.getMessage(), e);
  }

  static boolean sameOrigin(URI uri, URI base) {
    return Objects.equals(uri.getScheme(), base.getScheme()) && Objects.equals(uri.getHost(), base.getHost())
        && uri.getPort() == base.getPort();
  }

  /** How requests are named in messages: method and path, never the host's credentials or the token. */
  static String endpoint(String method, URI uri) {
    return method + " " + uri.getRawPath();
  }

  static URI uri(URL url) {
    try {
      return url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: " + url, e);
    }
  }

  private static String read(InputStream body) throws IOException {
    return new String(body.readAllBytes(), StandardCharsets.UTF_8);
  }

  private URI resolve(String pathAndQuery) {
    return URI.create(properties.baseUrl() + pathAndQuery);
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      throw new GitHubUnavailableException("GitHub answered with malformed JSON: " + e.getMessage(), e);
    }
  }
}
