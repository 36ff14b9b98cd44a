package com.mayorcrew.deploy.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of one {@code deploy-notification} instance: the notification and which webhook it goes to. The
 * webhook is named by its position in {@code mcd.notify.webhooks} and by its safe name (no path, which may hold
 * a token); its URL and signing secret are read from configuration at delivery.
 */
final class NotificationVariables {

  static final String PROCESS_KEY = "deploy-notification";

  static final String EVENT = "event";
  static final String DEPLOY_ID = "deployId";
  static final String TITLE = "title";
  static final String EVENT_TIME = "eventTime";
  static final String FACTS = "facts";
  static final String HISTORY_URL = "historyUrl";
  static final String WEBHOOK = "webhook";
  static final String WEBHOOK_NAME = "webhookName";

  private static final ObjectMapper JSON = new ObjectMapper();

  private NotificationVariables() {}

  /**
   * E.g. {@code deploy-20260301-ab12/deploy-ended/0}: searchable in Cockpit, and never the deploy's own business
   * key, which the application and its users look deploys up by.
   */
  static String businessKey(DeployNotification notification, int webhook) {
    return notification.deployId() + "/" + notification.event().key() + "/" + webhook;
  }

  static Map<String, Object> of(DeployNotification notification, int webhook, String webhookName) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(EVENT, notification.event().key());
    variables.put(DEPLOY_ID, notification.deployId());
    variables.put(TITLE, notification.title());
    variables.put(EVENT_TIME, Date.from(notification.time()));
    try {
      // JSON text, not a serialized Java map: readable in Cockpit and free of class-version issues.
      variables.put(FACTS, JSON.writeValueAsString(notification.facts()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write facts as JSON", e);
    }
    variables.put(HISTORY_URL, notification.historyUrl());
    variables.put(WEBHOOK, webhook);
    variables.put(WEBHOOK_NAME, webhookName);
    return variables;
  }

  static DeployNotification notification(Map<String, Object> variables) {
    String eventKey = (String) variables.get(EVENT);
    Map<String, String> facts;
    try {
      facts = JSON.readValue((String) variables.get(FACTS), new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable facts of a " + eventKey + " notification", e);
    }
    return new DeployNotification(DeployEvent.valueOf(eventKey.toUpperCase().replace('-', '_')),
        (String) variables.get(DEPLOY_ID), (String) variables.get(TITLE),
        ((Date) variables.get(EVENT_TIME)).toInstant(), facts, (String) variables.get(HISTORY_URL));
  }
}
