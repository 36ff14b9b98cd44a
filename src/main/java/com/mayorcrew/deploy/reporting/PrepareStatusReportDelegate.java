package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.GitHubVariables;
import com.mayorcrew.deploy.context.ScriptVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Prepare status report": fills the Status Update Template from what the run recorded, so the crew reviews
 * facts instead of typing them. On the failure path the prepared report is published as is.
 */
@Component
public class PrepareStatusReportDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    String result = text(execution, DEPLOY_RESULT);
    boolean success = DeployRecord.SUCCESS.equals(result);
    String escalationLog = text(execution, ESCALATION_LOG);
    StatusReport report = new StatusReport(
        "done",
        "gastown " + text(execution, GASTOWN_REF) + ", GTRuntime " + text(execution, GTRUNTIME_REF)
            + " (branch " + text(execution, BRANCH) + ")",
        "none (deploy of image " + orNone(text(execution, DEPLOY_IMAGE)) + ")",
        "health verification: " + orNone(text(execution, HEALTH_SUMMARY)) + "\n" + smokeTestLine(execution),
        text(execution, CANARY_HOST) + " (daemon " + orNone(text(execution, DAEMON_NAME)) + ")",
        workflowRun(execution),
        result,
        text(execution, METADATA_PATH),
        issues(execution),
        recovery(execution, result),
        escalationLog);
    execution.setVariables(report.toVariables());
  }

  /** The template's "Workflow/run": the GitHub run, the script run, or the deploy's own process instance. */
  private static String workflowRun(DelegateExecution execution) {
    String runUrl = text(execution, GitHubVariables.WORKFLOW_RUN_URL);
    if (!runUrl.isBlank()) {
      return "GitHub Actions run " + text(execution, GitHubVariables.WORKFLOW_RUN_ID) + ": " + runUrl;
    }
    String scriptRun = text(execution, ScriptVariables.SCRIPT_RUN_ID);
    if (!scriptRun.isBlank()) {
      return "script run " + scriptRun + " (log " + text(execution, ScriptVariables.SCRIPT_LOG_PATH) + ")";
    }
    return execution.getProcessBusinessKey() + " (Docker mode, process instance " + execution.getProcessInstanceId() + ")";
  }

  private static String smokeTestLine(DelegateExecution execution) {
    if (!Boolean.TRUE.equals(execution.getVariable(SMOKE_TEST_REQUIRED))) {
      return "smoke test: not required for this service";
    }
    if (execution.getVariable(WEB_UI_LOADS) == null) {
      return "smoke test: not run";
    }
    boolean passed = Boolean.TRUE.equals(execution.getVariable(WEB_UI_LOADS))
        && Boolean.TRUE.equals(execution.getVariable(DASHBOARD_LOADS));
    return "smoke test: " + (passed ? "pass" : "fail") + " (web UI loads: " + execution.getVariable(WEB_UI_LOADS)
        + ", dashboard loads: " + execution.getVariable(DASHBOARD_LOADS) + ")";
  }

  /** What went wrong: why it rolled back, and the last escalation. */
  private static String issues(DelegateExecution execution) {
    StringBuilder issues = new StringBuilder(text(execution, ROLLBACK_REASON).lines().findFirst().orElse(""));
    String escalation = text(execution, ESCALATION_REASON_TEXT);
    if (!escalation.isBlank()) {
      issues.append(issues.isEmpty() ? "" : "\n").append(escalation).append(" ").append(text(execution, ESCALATION_DETAIL));
    }
    return issues.toString();
  }

  private static String recovery(DelegateExecution execution, String result) {
    if (DeployRecord.ROLLED_BACK.equals(result)) {
      return Boolean.TRUE.equals(execution.getVariable(ROLLBACK_NEEDED))
          ? "rolled back to " + text(execution, PREVIOUS_IMAGE) + "; healthy again: " + text(execution, HEALTH_SUMMARY)
          : "rolled back before any container was replaced: the host was not changed";
    }
    return text(execution, FAILURE_REASON);
  }

  private static String orNone(String value) {
    return value.isBlank() ? "none" : value;
  }
}
