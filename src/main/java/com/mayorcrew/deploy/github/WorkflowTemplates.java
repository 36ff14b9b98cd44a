package com.mayorcrew.deploy.github;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workflow inputs and the workflow ref are templates over a fixed set of placeholders, e.g.
 * {@code "{sha}"} or {@code "deploy {deployId} to {host}"}. Placeholders are substituted in one pass and never
 * evaluated: a value that itself looks like a placeholder stays as it is.
 */
public final class WorkflowTemplates {

  /** ref, sha: the gastown ref as requested and its resolved SHA; likewise for GTRuntime. */
  public static final Set<String> PLACEHOLDERS = Set.of("ref", "sha", "gtruntimeRef", "gtruntimeSha", "branch",
      "host", "service", "environment", "deployId", "runnerLabel");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private WorkflowTemplates() {}

  /** Refuses a template with an unknown placeholder, so that a typo stops the start instead of a deploy. */
  static void validate(String key, String template) {
    Matcher matcher = PLACEHOLDER.matcher(template == null ? "" : template);
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group(1))) {
        throw new IllegalArgumentException(key + ": unknown placeholder {" + matcher.group(1) + "} in '" + template
            + "'; known: " + PLACEHOLDERS.stream().sorted().toList());
      }
    }
  }

  /** The template with each placeholder replaced by its value (an absent value becomes empty). */
  public static String render(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
