package com.mayorcrew.deploy.request;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.FieldViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Deploy Request Template as the mayor writes it (text, as in the seed), read into the request's fields. Only
 * the template's own lines are read: its header fields, the {@code - Name: value} lines of Inputs, Host / Runner
 * and Rollback, and free lines that become notes. The checklists (Prechecks, Execution) are the model's steps, so
 * their boxes are not inputs. The fields then go through the same validation as every other request.
 */
public final class DeployRequestTemplate {

  /** The one rollback command the template may name: the application runs its own rollback. */
  static final String ROLLBACK_COMMAND = "deploy/canary-rollback.sh";
  private static final Pattern TITLE_TARGET =
      Pattern.compile("(?i).*\\bdeploy for ([A-Za-z0-9][A-Za-z0-9._-]*) \\(([a-z]+)\\)\\s*");
  private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z ]*):\\s*(.*)");
  private static final Pattern ITEM = Pattern.compile("-\\s+([A-Za-z][A-Za-z /]*?):\\s*(.*)");
  private static final Pattern CHECKBOX = Pattern.compile("-\\s+\\[[ xX]\\].*");
  private static final Map<String, String> HEADER_FIELDS = Map.of(
      "title", TITLE, "priority", PRIORITY, "owner", OWNER, "assignee", ASSIGNEE);
  private static final Map<String, String> ITEM_FIELDS = Map.ofEntries(
      Map.entry("gastown ref", GASTOWN_REF), Map.entry("gtruntime ref", GTRUNTIME_REF), Map.entry("branch", BRANCH),
      Map.entry("canary host", CANARY_HOST), Map.entry("host", CANARY_HOST), Map.entry("runner label", RUNNER_LABEL),
      Map.entry("docker access", DOCKER_ACCESS), Map.entry("rollback criteria", ROLLBACK_CRITERIA),
      Map.entry("image", IMAGE), Map.entry("service", SERVICE), Map.entry("environment", ENVIRONMENT));
  private static final List<String> SECTIONS = List.of("objective", "inputs", "host / runner", "prechecks",
      "execution", "rollback", "notes");

  private DeployRequestTemplate() {}

  /**
   * The request's fields from the template's text.
   *
   * @throws DeployRequestRejectedException naming the line of each part that is not the template's
   */
  public static Map<String, Object> parse(String text) {
    Map<String, Object> fields = new LinkedHashMap<>();
    List<FieldViolation> violations = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> rollbackLines = new ArrayList<>();
    String section = "";
    String[] lines = text.split("\\R");
    for (int number = 1; number <= lines.length; number++) {
      String line = lines[number - 1].strip();
      if (line.isEmpty() || line.startsWith("```")) {
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (SECTIONS.contains(lower)) {
        section = lower;
        continue;
      }
      Matcher item = ITEM.matcher(line);
      Matcher header = HEADER.matcher(line);
      if (CHECKBOX.matcher(line).matches()) {
        continue;
      } else if (item.matches() && ITEM_FIELDS.containsKey(key(item))) {
        fields.put(ITEM_FIELDS.get(key(item)), item.group(2).strip());
      } else if (item.matches() && key(item).equals("rollback command")) {
        if (!item.group(2).strip().equals(ROLLBACK_COMMAND)) {
          violations.add(new FieldViolation("template", "line " + number + ": the rollback command is "
              + ROLLBACK_COMMAND + " (the application's own rollback), not '" + item.group(2).strip() + "'"));
        }
      } else if (section.isEmpty() && header.matches() && HEADER_FIELDS.containsKey(key(header))) {
        fields.put(HEADER_FIELDS.get(key(header)), header.group(2).strip());
      } else if (line.startsWith("- ") && section.equals("rollback")) {
        rollbackLines.add(line.substring(2).strip());
      } else if (line.startsWith("- ") && !section.isEmpty()) {
        notes.add(capitalized(section) + ": " + line.substring(2).strip());
      } else if (section.equals("notes")) {
        notes.add(line);
      } else {
        violations.add(new FieldViolation("template", "line " + number + ": '" + abbreviated(line)
            + "' is not a line of the Deploy Request Template"));
      }
    }
    if (!fields.containsKey(ROLLBACK_CRITERIA) && !rollbackLines.isEmpty()) {
      fields.put(ROLLBACK_CRITERIA, String.join("\n", rollbackLines));
    } else {
      rollbackLines.forEach(line -> notes.add("Rollback: " + line));
    }
    targetFromTitle(fields);
    if (!notes.isEmpty()) {
      fields.put(NOTES, String.join("\n", notes));
    }
    if (!violations.isEmpty()) {
      throw new DeployRequestRejectedException(violations);
    }
    return fields;
  }

  /** The template names service and environment in its title: "Canary deploy for gastown (canary)". */
  private static void targetFromTitle(Map<String, Object> fields) {
    if (fields.get(TITLE) instanceof String title) {
      Matcher target = TITLE_TARGET.matcher(title);
      if (target.matches()) {
        fields.putIfAbsent(SERVICE, target.group(1));
        fields.putIfAbsent(ENVIRONMENT, target.group(2));
      }
    }
  }

  private static String key(Matcher matcher) {
    return matcher.group(1).strip().toLowerCase(Locale.ROOT);
  }

  private static String capitalized(String section) {
    return Character.toUpperCase(section.charAt(0)) + section.substring(1);
  }

  private static String abbreviated(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }
}
