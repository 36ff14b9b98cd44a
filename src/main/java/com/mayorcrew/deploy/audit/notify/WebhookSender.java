package com.mayorcrew.deploy.audit.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Delivers notifications on its own small thread pool, away from the process engine's threads: a slow or broken
 * receiver never holds up or fails a deploy. Each delivery is tried {@code attempts} times with doubling waits;
 * every failure is logged, and giving up is logged at ERROR.
 */
@Component
public class WebhookSender implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final NotifyProperties properties;
  private final HttpClient http;
  private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(1, runnable -> {
    Thread thread = new Thread(runnable, "mcd-webhooks");
    thread.setDaemon(true);
    return thread;
  });

  public WebhookSender(NotifyProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  /** Queues the notification for every webhook that wants its event. */
  public void send(DeployNotification notification) {
    for (NotifyProperties.Webhook webhook : properties.webhooks()) {
      if (webhook.wants(notification.event())) {
        String body = WebhookPayloads.body(webhook.format(), notification);
        executor.execute(() -> attempt(webhook, notification, body, 1));
      }
    }
  }

  private void attempt(NotifyProperties.Webhook webhook, DeployNotification notification, String body, int attempt) {
    String failure;
    try {
      HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(webhook.url()))
          .timeout(properties.timeout()).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 == 2) {
        LOG.info("notified {} of {} for deploy {} (attempt {})", webhook.safeName(), notification.event().key(),
            notification.deployId(), attempt);
        return;
      }
      failure = "HTTP " + response.statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (attempt >= properties.attempts()) {
      LOG.error("gave up notifying {} of {} for deploy {} after {} attempts: {}", webhook.safeName(),
          notification.event().key(), notification.deployId(), attempt, failure);
      return;
    }
    Duration wait = properties.backoff().multipliedBy(1L << (attempt - 1));
    LOG.warn("notifying {} of {} for deploy {} failed (attempt {}: {}); retrying in {}", webhook.safeName(),
        notification.event().key(), notification.deployId(), attempt, failure, wait);
    executor.schedule(() -> attempt(webhook, notification, body, attempt + 1), wait.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
