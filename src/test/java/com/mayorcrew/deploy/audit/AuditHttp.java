package com.mayorcrew.deploy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP against the test server as one user (HTTP Basic), or anonymously when the user is null. */
public final class AuditHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;
  private final String user;

  public AuditHttp(int port, String user) {
    this.port = port;
    this.user = user;
  }

  public static AuditHttp anonymous(int port) {
    return new AuditHttp(port, null);
  }

  public String user() {
    return user;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response get(String path, String accept) {
    return send(request(path).header("Accept", accept).GET());
  }

  public Response post(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").POST(json(body)));
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  /** Camunda's REST form of variables: {"name": {"value": ..., "type": ...}}. */
  public static Map<String, Object> variables(Map<String, ?> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value,
        "type", value instanceof Boolean ? "Boolean" : "String")));
    return variables;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + AuditUsers.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status, body and headers of one answer. */
  public record Response(int status, String body, HttpResponse<String> raw) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + raw.request().method() + " " + raw.uri() + ": "
          + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }
  }
}
