package com.mayorcrew.deploy.history;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CSV (RFC 4180) of the deploy list and of a deploy's events. Cells that a spreadsheet would run as a formula are
 * prefixed with an apostrophe: titles, notes and details are typed by people.
 */
final class HistoryCsv {

  private HistoryCsv() {}

  static String deploys(List<DeploySummary> deploys) {
    StringBuilder csv = row(new StringBuilder(), "deployId", "state", "result", "service", "host", "environment",
        "requester", "title", "startTime", "endTime");
    deploys.forEach(deploy -> row(csv, deploy.deployId(), deploy.state(), deploy.result(), deploy.service(),
        deploy.host(), deploy.environment(), deploy.requester(), deploy.title(), text(deploy.startTime()),
        text(deploy.endTime())));
    return csv.toString();
  }

  static String events(String deployId, List<TimelineEvent> events) {
    StringBuilder csv = row(new StringBuilder(), "deployId", "time", "type", "activityId", "name", "user",
        "detail");
    events.forEach(event -> row(csv, deployId, text(event.time()), event.type(), event.activityId(), event.name(),
        event.user(), event.detail()));
    return csv.toString();
  }

  private static StringBuilder row(StringBuilder csv, String... cells) {
    return csv.append(Stream.of(cells).map(HistoryCsv::cell).collect(Collectors.joining(","))).append("\r\n");
  }

  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  private static String text(Instant time) {
    return time == null ? null : time.toString();
  }
}
