package com.mayorcrew.deploy.observability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reading of the Prometheus exposition (the text {@code /actuator/prometheus} serves: the registry's scrape),
 * to compare the deploy metrics before and after a test's deploys.
 */
public final class PrometheusSamples {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$",
      Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String text;

  private PrometheusSamples(String text) {
    this.text = text;
  }

  public static PrometheusSamples of(PrometheusMeterRegistry registry) {
    return new PrometheusSamples(registry.scrape());
  }

  /** An exposition as {@code GET /actuator/prometheus} answered it. */
  public static PrometheusSamples of(String exposition) {
    return new PrometheusSamples(exposition);
  }

  /** The sum of the samples of that name whose labels include the given ones (0 when there is none yet). */
  public double value(String name, Map<String, String> labels) {
    double sum = 0;
    Matcher sample = SAMPLE.matcher(text);
    while (sample.find()) {
      if (sample.group(1).equals(name) && hasLabels(sample.group(2), labels)) {
        sum += Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }

  /** How much the sample grew from {@code before} to this reading. */
  public double since(PrometheusSamples before, String name, Map<String, String> labels) {
    return value(name, labels) - before.value(name, labels);
  }

  private static boolean hasLabels(String labelText, Map<String, String> wanted) {
    Map<String, String> labels = new java.util.HashMap<>();
    if (labelText != null) {
      Matcher label = LABEL.matcher(labelText);
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
    }
    return wanted.entrySet().stream().allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
  }
}
