package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Retry the failed step": gives the failed job one more attempt, which also resolves its incident. */
@Component
public class RetryFailedJobDelegate implements JavaDelegate {

  private final ManagementService managementService;

  public RetryFailedJobDelegate(ManagementService managementService) {
    this.managementService = managementService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String jobId = (String) execution.getVariable(FAULT_JOB_ID);
    if (managementService.createJobQuery().jobId(jobId).count() > 0) {
      managementService.setJobRetries(jobId, 1);
    }
  }
}
