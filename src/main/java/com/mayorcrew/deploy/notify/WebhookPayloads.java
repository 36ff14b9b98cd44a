package com.mayorcrew.deploy.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request bodies: Slack's incoming-webhook form ({@code {"text": ...}}) and a generic JSON form. */
final class WebhookPayloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayloads() {}

  static String body(NotifyProperties.Format format, DeployNotification notification) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (format == NotifyProperties.Format.SLACK) {
      body.put("text", notification.text());
    } else {
      body.put("event", notification.event().key());
      body.put("deployId", notification.deployId());
      body.put("title", notification.title());
      body.put("time", notification.time().toString());
      body.put("historyUrl", notification.historyUrl());
      body.put("facts", notification.facts());
      body.put("text", notification.text());
    }
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a notification as JSON", e);
    }
  }
}
