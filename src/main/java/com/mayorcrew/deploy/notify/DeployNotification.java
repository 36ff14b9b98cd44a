package com.mayorcrew.deploy.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One notification about one deploy. It carries no secret: only ids, names, the escalation's reason and step and
 * the result, which are all in the deploy's history anyway.
 *
 * @param facts e.g. reason, step, activity, result; shown in the text and as fields of the JSON form
 */
record DeployNotification(DeployEvent event, String deployId, String title, Instant time,
    Map<String, String> facts, String historyUrl) {

  public DeployNotification {
    facts = facts == null ? Map.of() : new LinkedHashMap<>(facts);
  }

  /** One line for people (Slack's {@code text}). */
  public String text() {
    StringBuilder text = new StringBuilder("Deploy ").append(deployId).append(": ").append(event.label());
    facts.forEach((name, value) -> text.append(" · ").append(name).append(": ").append(value));
    if (title != null) {
      text.append(" (").append(title).append(')');
    }
    return text.append(" — ").append(historyUrl).toString();
  }
}
