package com.mayorcrew.deploy.notify;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing webhooks ({@code mcd.notify.*}); none by default. Each delivery is an engine job of the
 * {@code deploy-notification} process, retried by the project's retry policy ({@code mcd.retry.cycle}).
 *
 * @param webhooks where to send notifications
 * @param publicBaseUrl the application's address as people reach it, for the links to history pages
 * @param timeout total deadline of one delivery attempt: connecting, sending and the receiver's answer
 */
@ConfigurationProperties("mcd.notify")
record NotifyProperties(
    List<Webhook> webhooks,
    @DefaultValue("http://localhost:8080") String publicBaseUrl,
    @DefaultValue("5s") Duration timeout) {

  public NotifyProperties {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
        : publicBaseUrl;
  }

  /**
   * One receiver.
   *
   * @param format {@code slack} ({@code {"text": ...}}, for Slack-compatible incoming webhooks) or {@code json}
   * @param events the events it wants, e.g. {@code escalation-created}; empty means all
   * @param signingSecret the name of the secret (environment or configuration) whose value signs each body with
   *     HMAC-SHA256 ({@code X-MCD-Signature-256}); none means unsigned
   */
  public record Webhook(String url, @DefaultValue("json") Format format, List<DeployEvent> events,
      String signingSecret) {

    public Webhook {
      events = events == null ? List.of() : List.copyOf(events);
      signingSecret = signingSecret == null || signingSecret.isBlank() ? null : signingSecret;
    }

    boolean wants(DeployEvent event) {
      return events.isEmpty() || events.contains(event);
    }

    /** The URL may hold a token (Slack's do): logs, variables and incidents show only scheme, host and port. */
    String safeName() {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }
  }

  /** Payload formats. */
  public enum Format { SLACK, JSON }
}
