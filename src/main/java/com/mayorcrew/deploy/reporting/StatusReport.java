package com.mayorcrew.deploy.reporting;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The crew's Status Update Template. Each field is also a process variable (the crew's form edits them), and
 * {@link #render()} prints the report in the template's layout.
 */
public record StatusReport(
    String status,
    String commits,
    String files,
    String tests,
    String host,
    String workflowRun,
    String result,
    String metadata,
    String issues,
    String recovery,
    String escalations) {

  /** Process variable names of the fields, in template order. */
  public static final List<String> VARIABLES = List.of("reportStatus", "reportCommits", "reportFiles", "reportTests",
      "reportHost", "reportWorkflowRun", "reportResult", "reportMetadata", "reportIssues", "reportRecovery",
      "reportEscalations");

  public static StatusReport fromVariables(Map<String, Object> variables) {
    String[] values = VARIABLES.stream().map(name -> {
      Object value = variables.get(name);
      return value == null ? "" : value.toString().strip();
    }).toArray(String[]::new);
    return new StatusReport(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
        values[8], values[9], values[10]);
  }

  /**
   * The status-update form's length limit of each field, in {@link #VARIABLES} order (a test holds them equal): a
   * prepared field never exceeds what the crew may send back unchanged.
   */
  public static final List<Integer> FORM_LIMITS = List.of(20, 1000, 1000, 4000, 500, 1000, 20, 1000, 4000, 4000, 4000);

  private static final String CUT = " [...]";

  public Map<String, Object> toVariables() {
    List<String> values = List.of(status, commits, files, tests, host, workflowRun, result, metadata, issues,
        recovery, escalations);
    Map<String, Object> variables = new java.util.LinkedHashMap<>();
    for (int i = 0; i < VARIABLES.size(); i++) {
      String value = values.get(i);
      int limit = FORM_LIMITS.get(i);
      variables.put(VARIABLES.get(i), value.length() <= limit ? value : value.substring(0, limit - CUT.length()) + CUT);
    }
    return variables;
  }

  public String render() {
    return "Status: " + status + "\n"
        + "\nChanges\n"
        + "- Commits: " + commits + "\n"
        + "- Files: " + files + "\n"
        + "\nTests\n"
        + bullets(tests)
        + "\nDeploy\n"
        + "- Host: " + host + "\n"
        + "- Workflow/run: " + workflowRun + "\n"
        + "- Result: " + result + "\n"
        + "- Metadata: " + metadata + "\n"
        + "\nIssues / Failures\n"
        + bullets(issues)
        + bullets(recovery)
        + "\nEscalations\n"
        + bullets(escalations);
  }

  /** One "- " line per non-empty line of a multi-line field; "- none" when the field is empty. */
  private static String bullets(String field) {
    List<String> lines = Arrays.stream(field.split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
        .map(line -> line.startsWith("- ") ? line.substring(2) : line).toList();
    if (lines.isEmpty()) {
      return "- none\n";
    }
    return lines.stream().map(line -> "- " + line + "\n").collect(Collectors.joining());
  }
}
