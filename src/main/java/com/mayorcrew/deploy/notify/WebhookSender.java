package com.mayorcrew.deploy.notify;

import com.mayorcrew.deploy.config.SecretStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one delivery attempt of one notification to one webhook, bounded by {@code mcd.notify.timeout} from the
 * first connect to the receiver's answer (also when it accepts and never answers). Failure is an exception: the
 * calling job's retries and incident handle it. Headers let the receiver check and de-duplicate:
 * {@value #DELIVERY_HEADER} (the same for every re-delivery), {@value #EVENT_HEADER} and, with a signing secret,
 * {@value #SIGNATURE_HEADER} = {@code sha256=} HMAC-SHA256 of the exact body in lower-case hex.
 */
@Component
class WebhookSender {

  static final String DELIVERY_HEADER = "X-MCD-Delivery";
  static final String EVENT_HEADER = "X-MCD-Event";
  static final String SIGNATURE_HEADER = "X-MCD-Signature-256";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);

  private final NotifyProperties properties;
  private final SecretStore secrets;
  private final HttpClient http;

  public WebhookSender(NotifyProperties properties, SecretStore secrets) {
    this.properties = properties;
    this.secrets = secrets;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  public void deliver(NotifyProperties.Webhook webhook, DeployNotification notification, String deliveryId) {
    String body = WebhookPayloads.body(webhook.format(), notification);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(properties.timeout())
        .header("Content-Type", "application/json").header("User-Agent", "mayor-crew-deploy")
        .header(DELIVERY_HEADER, deliveryId).header(EVENT_HEADER, notification.event().key())
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (webhook.signingSecret() != null) {
      request.header(SIGNATURE_HEADER, "sha256=" + sign(webhook, body));
    }
    int status = send(webhook, request.build());
    if (status / 100 != 2) {
      throw new WebhookDeliveryException(webhook.safeName() + " answered HTTP " + status);
    }
    LOG.info("notified {} of {} for deploy {} (delivery {})", webhook.safeName(), notification.event().key(),
        notification.deployId(), deliveryId);
  }

  private WebhookDeliveryException notAnswered(NotifyProperties.Webhook webhook) {
    return new WebhookDeliveryException(webhook.safeName() + " did not answer within " + properties.timeout());
  }

  private int send(NotifyProperties.Webhook webhook, HttpRequest request) {
    // The request timeout covers the wait for the response headers only; the future's deadline covers it all.
    CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return response.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
    } catch (TimeoutException e) {
      response.cancel(true);
      throw notAnswered(webhook);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw notAnswered(webhook); // the request's own timeout (headers) ran out first: the same outcome
      }
      throw new WebhookDeliveryException(webhook.safeName() + " failed: " + cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw new WebhookDeliveryException("delivery to " + webhook.safeName() + " was interrupted");
    }
  }

  private String sign(NotifyProperties.Webhook webhook, String body) {
    String secret = secrets.find(webhook.signingSecret()).orElseThrow(() -> new WebhookDeliveryException(
        "the signing secret " + webhook.signingSecret() + " of " + webhook.safeName() + " is not set"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A delivery attempt failed; the message names the receiver only by scheme, host and port. */
  static class WebhookDeliveryException extends RuntimeException {
    WebhookDeliveryException(String message) {
      super(message);
    }
  }
}
