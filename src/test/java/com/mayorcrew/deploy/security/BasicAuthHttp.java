package com.mayorcrew.deploy.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Plain HTTP calls against the running test server, with or without Basic credentials. */
final class BasicAuthHttp {

  private final HttpClient client = HttpClient.newHttpClient();
  private final String baseUrl;

  BasicAuthHttp(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  HttpResponse<String> get(String path, String user, String password) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().header("Authorization", basic(user, password)));
  }

  HttpResponse<String> postJson(String path, String json, String user, String password) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json")
        .header("Authorization", basic(user, password)));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
