package com.mayorcrew.deploy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP against the test server as one user: with HTTP Basic, as REST clients call, or in a webapp session, as
 * Tasklist calls (session cookie and Camunda's CSRF token); anonymously when the user is null.
 */
public final class AuditHttp {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CSRF_COOKIE = "XSRF-TOKEN";
  private static final String CSRF_HEADER = "X-XSRF-TOKEN";
  private final HttpClient client;
  private final int port;
  private final String user;
  private final String csrfToken;

  public AuditHttp(int port, String user) {
    this(HttpClient.newHttpClient(), port, user, null);
  }

  private AuditHttp(HttpClient client, int port, String user, String csrfToken) {
    this.client = client;
    this.port = port;
    this.user = user;
    this.csrfToken = csrfToken;
  }

  /** Logged in to Tasklist as the user, the way its login page does; requests then carry the CSRF token. */
  public static AuditHttp tasklistSession(int port, String user) {
    CookieManager cookies = new CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    new AuditHttp(client, port, null, null).get("/camunda/app/tasklist/default/");
    AuditHttp beforeLogin = new AuditHttp(client, port, null, csrfToken(cookies));
    Response login = beforeLogin.send(beforeLogin.request("/camunda/api/admin/auth/user/default/login/tasklist")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + AuditUsers.PASSWORD)));
    if (login.status() != 200) {
      throw new AssertionError("Tasklist login of " + user + " failed: " + login);
    }
    // The login starts a new session; its token comes with the next read, as Tasklist's first request after login.
    new AuditHttp(client, port, null, null).get("/camunda/api/admin/auth/user/default");
    return new AuditHttp(client, port, user, csrfToken(cookies));
  }

  private static String csrfToken(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(CSRF_COOKIE))
        .reduce((first, last) -> last).orElseThrow().getValue();
  }

  public static AuditHttp anonymous(int port) {
    return new AuditHttp(port, null);
  }

  /** The same session (its cookies) sending requests without the CSRF token, as a forged cross-site request would. */
  public AuditHttp withoutCsrfToken() {
    return new AuditHttp(client, port, null, null);
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

  public Response put(String path, Object body) {
    return send(request(path).header("Content-Type", "application/json").PUT(json(body)));
  }

  /** Any method, with extra headers (e.g. a browser's Origin) and a body sent as it is given (a String) or as JSON. */
  public Response send(String method, String path, Object body, Map<String, String> headers) {
    HttpRequest.Builder request = request(path);
    headers.forEach(request::header);
    if (!headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : json(body)));
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
    if (csrfToken != null) {
      // As a browser sends them: Camunda's CSRF filter wants the token and an Origin or Referer of its own.
      request.header(CSRF_HEADER, csrfToken).header("Origin", "http://localhost:" + port);
    } else if (user != null) {
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
