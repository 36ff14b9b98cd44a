package com.mayorcrew.deploy.audit.notify;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outgoing webhooks ({@code mcd.notify.*}); none by default.
 *
 * @param webhooks where to send notifications
 * @param publicBaseUrl the application's address as people reach it, for the links to history pages
 * @param attempts deliveries tried per notification and webhook before it is given up (and logged)
 * @param backoff the wait before the second attempt; it doubles for each further one
 * @param timeout connect and response timeout of one attempt
 */
@ConfigurationProperties("mcd.notify")
public record NotifyProperties(
    List<Webhook> webhooks,
    @DefaultValue("http://localhost:8080") String publicBaseUrl,
    @DefaultValue("4") int attempts,
    @DefaultValue("2s") Duration backoff,
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
   */
  public record Webhook(String url, @DefaultValue("json") Format format, List<DeployEvent> events) {

    public Webhook {
      events = events == null ? List.of() : List.copyOf(events);
    }

    boolean wants(DeployEvent event) {
      return events.isEmpty() || events.contains(event);
    }

    /** The URL may hold a token (Slack's do): logs show only scheme, host and port. */
    String safeName() {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/…";
    }
  }

  /** Payload formats. */
  public enum Format { SLACK, JSON }
}
