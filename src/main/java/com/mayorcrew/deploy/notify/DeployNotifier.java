package com.mayorcrew.deploy.notify;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.security.AsApplication;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Turns a listener call into one {@code deploy-notification} instance per webhook that wants the event, started in
 * the engine's current transaction: the delivery job is committed with the event it reports (a rolled-back step
 * announces nothing, an acknowledged one survives a crash), and delivery runs later in that job.
 */
@Component
class DeployNotifier {

  private final NotifyProperties properties;
  private final RuntimeService runtimeService;
  private final AsApplication asApplication;

  public DeployNotifier(NotifyProperties properties, RuntimeService runtimeService, AsApplication asApplication) {
    this.properties = properties;
    this.runtimeService = runtimeService;
    this.asApplication = asApplication;
  }

  void notify(DeployEvent event, DelegateExecution execution) {
    Map<String, String> facts = new LinkedHashMap<>();
    put(facts, "activity", execution.getCurrentActivityName());
    addEventFacts(event, facts, execution.getVariables());
    startDeliveries(notification(event, execution.getProcessBusinessKey(), execution.getVariable(TITLE), facts));
  }

  void notify(DeployEvent event, DelegateTask task) {
    Map<String, String> facts = new LinkedHashMap<>();
    put(facts, "task", task.getName());
    put(facts, "assignee", task.getAssignee());
    addEventFacts(event, facts, task.getVariables());
    startDeliveries(notification(event, task.getExecution().getProcessBusinessKey(), task.getVariable(TITLE), facts));
  }

  private static void addEventFacts(DeployEvent event, Map<String, String> facts, Map<String, Object> variables) {
    if (event == DeployEvent.ESCALATION_CREATED || event == DeployEvent.ESCALATION_FORWARDED) {
      put(facts, "reason", variables.get(ESCALATION_REASON));
      put(facts, "step", variables.get(ESCALATION_STEP_NAME));
    }
    if (event == DeployEvent.DEPLOY_ENDED || event == DeployEvent.ROLLBACK_ENDED) {
      put(facts, "result", variables.get(DEPLOY_RESULT));
    }
  }

  private DeployNotification notification(DeployEvent event, String deployId, Object title,
      Map<String, String> facts) {
    String url = properties.publicBaseUrl() + "/history/" + UriUtils.encodePathSegment(deployId, "UTF-8");
    return new DeployNotification(event, deployId, title == null ? null : title.toString(),
        ClockUtil.getCurrentTime().toInstant(), facts, url);
  }

  private void startDeliveries(DeployNotification notification) {
    List<NotifyProperties.Webhook> webhooks = properties.webhooks();
    for (int index = 0; index < webhooks.size(); index++) {
      NotifyProperties.Webhook webhook = webhooks.get(index);
      if (webhook.wants(notification.event())) {
        Map<String, Object> variables = NotificationVariables.of(notification, index, webhook.safeName());
        String businessKey = NotificationVariables.businessKey(notification, index);
        // The application announces, not the user whose action raised the event (who may start no processes).
        asApplication.call(() -> runtimeService
            .createProcessInstanceByKey(NotificationVariables.PROCESS_KEY)
            .businessKey(businessKey)
            .setVariables(variables).execute());
      }
    }
  }

  private static void put(Map<String, String> facts, String name, Object value) {
    if (value != null && !Objects.toString(value).isBlank()) {
      facts.put(name, value.toString());
    }
  }
}
