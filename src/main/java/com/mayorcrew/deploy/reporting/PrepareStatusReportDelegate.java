package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
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
class PrepareStatusReportDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String result = deploy.text(DEPLOY_RESULT);
    boolean success = DeployRecord.SUCCESS.equals(result);
    String escalationLog = deploy.text(ESCALATION_LOG);
    // The template's statuses: a deploy that did not land (failed, rolled back) leaves the work blocked.
    StatusReport report = new StatusReport(
        success ? "done" : "blocked",
        "gastown " + withNote(deploy, GASTOWN_REF, GASTOWN_REF_REMARK) + ", GTRuntime "
            + withNote(deploy, GTRUNTIME_REF, GTRUNTIME_REF_REMARK)
            + " (branch " + deploy.text(BRANCH) + ")",
        "none (deploy of image " + orNone(deploy.text(DEPLOY_IMAGE)) + ")",
        skippedPrechecks(deploy) + "health verification: " + orNone(deploy.text(HEALTH_SUMMARY)) + "\n"
            + smokeTestLine(deploy),
        deploy.text(CANARY_HOST) + " (daemon " + orNone(deploy.text(DAEMON_NAME)) + ")",
        workflowRun(deploy),
        result,
        deploy.text(METADATA_PATH),
        issues(deploy),
        recovery(deploy, result),
        escalationLog);
    execution.setVariables(report.toVariables());
  }

  /** The template's "Workflow/run": the GitHub run, the script run, or the deploy's own process instance. */
  private static String workflowRun(DeployContext deploy) {
    String runUrl = deploy.text(GitHubVariables.WORKFLOW_RUN_URL);
    if (!runUrl.isBlank()) {
      return "GitHub Actions run " + deploy.text(GitHubVariables.WORKFLOW_RUN_ID) + ": " + runUrl;
    }
    String scriptRun = deploy.text(ScriptVariables.SCRIPT_RUN_ID);
    if (!scriptRun.isBlank()) {
      return "script run " + scriptRun + " (log " + deploy.text(ScriptVariables.SCRIPT_LOG_PATH) + ")";
    }
    return deploy.deployId() + " (Docker mode, process instance " + deploy.processInstanceId() + ")";
  }

  /** The GitHub prechecks are skipped for a service without GitHub configuration: the report says so. */
  private static String skippedPrechecks(DeployContext deploy) {
    return deploy.get(GITHUB_PRECHECKS, Boolean.class).filter(Boolean.FALSE::equals).isPresent()
        ? "GitHub prechecks skipped: no GitHub configuration for service " + deploy.service() + "\n" : "";
  }

  private static String smokeTestLine(DeployContext deploy) {
    if (!deploy.isTrue(SMOKE_TEST_REQUIRED)) {
      return "smoke test: not required for this service";
    }
    if (deploy.text(WEB_UI_LOADS).isEmpty()) {
      return "smoke test: not run";
    }
    boolean passed = deploy.isTrue(WEB_UI_LOADS)
        && deploy.isTrue(DASHBOARD_LOADS);
    return "smoke test: " + (passed ? "pass" : "fail") + " (web UI loads: " + deploy.text(WEB_UI_LOADS)
        + ", dashboard loads: " + deploy.text(DASHBOARD_LOADS) + ")";
  }

  /** What went wrong: why it rolled back, and the last escalation. */
  private static String issues(DeployContext deploy) {
    StringBuilder issues = new StringBuilder(deploy.text(ROLLBACK_REASON).lines().findFirst().orElse(""));
    String escalation = deploy.text(ESCALATION_REASON_TEXT);
    if (!escalation.isBlank()) {
      issues.append(issues.isEmpty() ? "" : "\n").append(escalation).append(" ").append(deploy.text(ESCALATION_DETAIL));
    }
    return issues.toString();
  }

  private static String recovery(DeployContext deploy, String result) {
    if (DeployRecord.ROLLED_BACK.equals(result)) {
      return deploy.isTrue(ROLLBACK_NEEDED)
          ? "rolled back to " + deploy.text(PREVIOUS_IMAGE) + "; healthy again: " + deploy.text(HEALTH_SUMMARY)
          : "rolled back before any container was replaced: the host was not changed";
    }
    return deploy.text(FAILURE_REASON);
  }

  private static String withNote(DeployContext deploy, String ref, String note) {
    return deploy.text(ref) + (deploy.text(note).isEmpty() ? "" : " (" + deploy.text(note) + ")");
  }

  private static String orNone(String value) {
    return value.isBlank() ? "none" : value;
  }
}
