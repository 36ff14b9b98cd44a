package com.mayorcrew.deploy.github;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends org.kohsuke:github-api's requests through the application's RestClient: its timeouts, no redirects of
 * its own, and never the token to another host than the API's (the library follows Link headers and redirects).
 * A connection failure or a request without a complete answer within the request-timeout is thrown as
 * {@link GitHubUnavailableException} rather than an IOException, because the library retries those after a
 * sleep; the engine's retry policy decides instead.
 */
final class RestClientGitHubConnector implements GitHubConnector {

  private final RestClient rest;
  private final URI api;
  private final Duration requestTimeout;

  RestClientGitHubConnector(RestClient rest, URI api, Duration requestTimeout) {
    this.rest = rest;
    this.api = api;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
    URI uri = GitHubClient.uri(request.url());
    String endpoint = GitHubClient.endpoint(request.method(), uri);
    if (request.header(HttpHeaders.AUTHORIZATION) != null && !GitHubClient.sameOrigin(uri, api)) {
      throw new GitHubUnavailableException(endpoint + ": refused to send the token to another host: "
          + uri.getHost());
    }
    RestClient.RequestBodySpec spec = rest.method(HttpMethod.valueOf(request.method())).uri(uri)
        .headers(headers -> request.allHeaders().forEach(headers::put));
    if (request.hasBody()) {
      spec.body(request.body().readAllBytes());
    }
    long started = System.nanoTime();
    try {
      return spec.exchange((sent, response) -> new Answer(request, response.getStatusCode().value(),
          response.getHeaders(), response.getBody().readAllBytes()));
    } catch (ResourceAccessException e) {
      throw GitHubClient.unavailable(endpoint, e, started, requestTimeout);
    }
  }

  /** The whole answer, read before RestClient closes the connection. */
  private static final class Answer extends GitHubConnectorResponse.ByteArrayResponse {

    private final byte[] body;

    Answer(GitHubConnectorRequest request, int status, Map<String, List<String>> headers, byte[] body) {
      super(request, status, headers);
      this.body = body;
    }

    @Override
    protected InputStream rawBodyStream() {
      return new ByteArrayInputStream(body);
    }
  }
}
