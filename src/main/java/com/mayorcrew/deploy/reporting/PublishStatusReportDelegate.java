package com.mayorcrew.deploy.reporting;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import java.nio.file.Path;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Publish status report": the final report in the template's layout, kept in the process (served at
 * {@code /api/deploys/{deployId}/status-report}) and as a text file next to the deploy's metadata.
 */
@Component
class PublishStatusReportDelegate implements JavaDelegate {

  private static final int MAX_VARIABLE_TEXT = 4000;

  private final DeployMetadataStore store;

  public PublishStatusReportDelegate(DeployMetadataStore store) {
    this.store = store;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String report = StatusReport.fromVariables(execution.getVariables()).render();
    Path file = store.writeStatusReport(deploy.deployId(), report);
    deploy.set(STATUS_REPORT_PATH, file.toString());
    // String variables live in a 4000-character column; the file always has the whole report.
    deploy.set(STATUS_REPORT, report.length() <= MAX_VARIABLE_TEXT ? report
        : report.substring(0, MAX_VARIABLE_TEXT - 40) + "\n[truncated: full report in " + file.getFileName() + "]");
  }
}
