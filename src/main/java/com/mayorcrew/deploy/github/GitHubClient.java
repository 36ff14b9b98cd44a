package com.mayorcrew.deploy.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.security.SecretStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * GitHub's REST API over the JDK's HTTP client, with the documented wire format: Bearer token (read from the
 * {@link SecretStore} for each request and never kept), X-GitHub-Api-Version, pagination through
 * {@code Link: <...>; rel="next"}. Never waits: a rate limit becomes {@link GitHubRateLimitedException} and the
 * model decides when to try again.
 */
@Component
public class GitHubClient {

  private static final Logger log = LoggerFactory.getLogger(GitHubClient.class);
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
  private static final String JSON_MEDIA_TYPE = "application/vnd.github+json";
  // "Get a commit" answers with the bare SHA for this media type instead of the whole commit with its files.
  private static final String SHA_MEDIA_TYPE = "application/vnd.github.sha";
  private static final int PER_PAGE = 100;
  // A guard against a Link chain that never ends: 100 pages of 100 items is far beyond any list used here.
  private static final int MAX_PAGES = 100;

  private final GitHubProperties properties;
  private final SecretStore secrets;
  private final Clock clock;
  private final HttpClient http;
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
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(properties.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** An answer with its status, JSON body (possibly empty) and the server's time of answering. */
  public record Response(int status, JsonNode body, Optional<Instant> serverDate) {}

  /** GET of one JSON document; {@code pathAndQuery} starts with "/" and is relative to the base URL. */
  public JsonNode get(String pathAndQuery) {
    return parse(send("GET", resolve(pathAndQuery), null, JSON_MEDIA_TYPE).body());
  }

  /** GET of a commit's SHA only ("Get a commit" with the SHA media type). */
  public String getSha(String pathAndQuery) {
    return send("GET", resolve(pathAndQuery), null, SHA_MEDIA_TYPE).body().trim();
  }

  /**
   * Every item of a list endpoint, following the Link header page by page with per_page=100. {@code itemsField}
   * names the array in GitHub's wrapper object (e.g. "runners" in {"total_count": 2, "runners": [...]}).
   */
  public List<JsonNode> getAll(String pathAndQuery, String itemsField) {
    List<JsonNode> items = new ArrayList<>();
    URI next = resolve(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "per_page=" + PER_PAGE);
    for (int page = 1; next != null; page++) {
      if (page > MAX_PAGES) {
        throw new GitHubUnavailableException(endpoint("GET", next) + ": more than " + MAX_PAGES + " pages");
      }
      HttpResponse<String> response = send("GET", next, null, JSON_MEDIA_TYPE);
      JsonNode body = parse(response.body());
      (body.isArray() ? body : body.path(itemsField)).forEach(items::add);
      next = nextPage(response).orElse(null);
    }
    return items;
  }

  /** POST of a JSON body; any 2xx is returned, everything else raises as for GET. */
  public Response post(String path, Object body) {
    HttpResponse<String> response = send("POST", resolve(path), body, JSON_MEDIA_TYPE);
    Optional<Instant> date = response.headers().firstValue("Date")
        .map(value -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    return new Response(response.statusCode(), parse(response.body()), date);
  }

  public Clock clock() {
    return clock;
  }

  private HttpResponse<String> send(String method, URI uri, Object body, String accept) {
    String endpoint = endpoint(method, uri);
    String token = secrets.find(properties.tokenSecret()).orElseThrow(() -> new GitHubAccessException(0,
        endpoint + ": no GitHub token: secret " + properties.tokenSecret() + " is not set"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(properties.requestTimeout())
        .header("Accept", accept)
        .header("Authorization", "Bearer " + token)
        .header("X-GitHub-Api-Version", properties.apiVersion())
        .header("User-Agent", "mayor-crew-deploy");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new GitHubUnavailableException(endpoint + ": GitHub not reachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitHubUnavailableException(endpoint + ": interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      RuntimeException failure = GitHubFailures.of(endpoint, response, properties.tokenSecret(), clock);
      log.info("GitHub {} -> {}", endpoint, failure.getMessage());
      throw failure;
    }
    return response;
  }

  /** The next page from the Link header; only on the configured API host, since the token goes with it. */
  private Optional<URI> nextPage(HttpResponse<String> response) {
    Optional<URI> next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
        .map(matcher -> URI.create(matcher.group(1)));
    next.ifPresent(uri -> {
      URI base = URI.create(properties.baseUrl());
      if (!Objects.equals(uri.getScheme(), base.getScheme()) || !Objects.equals(uri.getHost(), base.getHost())
          || uri.getPort() != base.getPort()) {
        throw new GitHubUnavailableException(endpoint("GET", response.uri()) + ": next page on another host: "
            + uri.getHost());
      }
    });
    return next;
  }

  private URI resolve(String pathAndQuery) {
    return URI.create(properties.baseUrl() + pathAndQuery);
  }

  /** How requests are named in messages: method and path, never the host's credentials or the token. */
  private static String endpoint(String method, URI uri) {
    return method + " " + uri.getRawPath();
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

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("request body not serialisable: " + e.getMessage(), e);
    }
  }
}
