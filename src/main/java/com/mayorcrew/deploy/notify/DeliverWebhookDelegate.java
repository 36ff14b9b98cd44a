package com.mayorcrew.deploy.notify;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Deliver webhook" of the {@code deploy-notification} process: one attempt; a failure is left to the job's
 * retries and then an incident. The delivery id is the notification instance's id, the same on every retry.
 */
@Component
class DeliverWebhookDelegate implements JavaDelegate {

  private final NotifyProperties properties;
  private final WebhookSender sender;

  public DeliverWebhookDelegate(NotifyProperties properties, WebhookSender sender) {
    this.properties = properties;
    this.sender = sender;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int index = (Integer) execution.getVariable(NotificationVariables.WEBHOOK);
    String name = (String) execution.getVariable(NotificationVariables.WEBHOOK_NAME);
    List<NotifyProperties.Webhook> webhooks = properties.webhooks();
    // The configuration may have changed since the event: never send to another receiver than the one chosen.
    if (index >= webhooks.size() || !webhooks.get(index).safeName().equals(name)) {
      throw new IllegalStateException("mcd.notify.webhooks[" + index + "] is no longer " + name
          + "; restore it or cancel this notification");
    }
    sender.deliver(webhooks.get(index), NotificationVariables.notification(execution.getVariables()),
        execution.getProcessInstanceId());
  }
}
