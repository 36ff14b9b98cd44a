package com.mayorcrew.deploy.audit.notify;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Turns a listener call into a notification and hands it to the sender once the engine's transaction has
 * committed: a rolled-back step announces nothing, and delivery never runs inside the process transaction.
 */
@Component
public class DeployNotifier {

  private final NotifyProperties properties;
  private final WebhookSender sender;

  public DeployNotifier(NotifyProperties properties, WebhookSender sender) {
    this.properties = properties;
    this.sender = sender;
  }

  void notify(DeployEvent event, DelegateExecution execution) {
    Map<String, String> facts = new LinkedHashMap<>();
    put(facts, "activity", execution.getCurrentActivityName());
    addEventFacts(event, facts, execution.getVariables());
    afterCommit(notification(event, execution.getProcessBusinessKey(), execution.getVariable(TITLE), facts));
  }

  void notify(DeployEvent event, DelegateTask task) {
    Map<String, String> facts = new LinkedHashMap<>();
    put(facts, "task", task.getName());
    put(facts, "assignee", task.getAssignee());
    addEventFacts(event, facts, task.getVariables());
    afterCommit(notification(event, task.getExecution().getProcessBusinessKey(), task.getVariable(TITLE), facts));
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

  private void afterCommit(DeployNotification notification) {
    if (properties.webhooks().isEmpty()) {
      return;
    }
    CommandContext commandContext = Context.getCommandContext();
    if (commandContext == null) {
      sender.send(notification);
      return;
    }
    commandContext.getTransactionContext()
        .addTransactionListener(TransactionState.COMMITTED, committed -> sender.send(notification));
  }

  private static void put(Map<String, String> facts, String name, Object value) {
    if (value != null && !Objects.toString(value).isBlank()) {
      facts.put(name, value.toString());
    }
  }
}
