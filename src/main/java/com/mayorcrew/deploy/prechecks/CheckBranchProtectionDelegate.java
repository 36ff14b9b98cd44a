package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check branch protection": the target branch is protected and its required checks are green on gastownSha. */
@Component
public class CheckBranchProtectionDelegate implements JavaDelegate {

  private final BranchProtectionCheck check;

  public CheckBranchProtectionDelegate(BranchProtectionCheck check) {
    this.check = check;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    CheckOutcome outcome = deploy.onGitHub(() -> check.check(service,
        deploy.branch(), deploy.pinnedCommit()));
    if (!outcome.passed()) {
      throw deploy.escalate(EscalationReason.BRANCH_PROTECTION_FAILED, outcome.detail(), outcome.evidence());
    }
    deploy.set(BRANCH_PROTECTION_SUMMARY, outcome.detail());
  }
}
