package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.security.AsApplication;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Retry the failed step": gives the failed job one more attempt, which also resolves its incident. The mayor's
 * decision allowed it; the retry itself is the application's step (mayors hold no job permissions).
 */
@Component
class RetryFailedJobDelegate implements JavaDelegate {

  private final ManagementService managementService;
  private final AsApplication asApplication;

  public RetryFailedJobDelegate(ManagementService managementService, AsApplication asApplication) {
    this.managementService = managementService;
    this.asApplication = asApplication;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String jobId = deploy.text(FAULT_JOB_ID);
    asApplication.run(() -> {
      if (managementService.createJobQuery().jobId(jobId).count() > 0) {
        managementService.setJobRetries(jobId, 1);
      }
    });
  }
}
