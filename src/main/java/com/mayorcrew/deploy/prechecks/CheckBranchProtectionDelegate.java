package com.mayorcrew.deploy.prechecks;
import com.mayorcrew.deploy.context.GitHubSteps;
import com.mayorcrew.deploy.github.GitHubProperties;

import static com.mayorcrew.deploy.context.GitHubVariables.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check branch protection": the target branch is protected and its required checks are green on gastownSha. */
@Component
public class CheckBranchProtectionDelegate implements JavaDelegate {

  private final BranchProtectionCheck check;
  private final GitHubProperties properties;

  public CheckBranchProtectionDelegate(BranchProtectionCheck check, GitHubProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String service = (String) execution.getVariable(SERVICE);
    if (properties.service(service).isEmpty()) {
      return;
    }
    CheckOutcome outcome = GitHubSteps.call(execution, () -> check.check(service,
        (String) execution.getVariable(BRANCH), (String) execution.getVariable(GASTOWN_SHA)));
    if (!outcome.passed()) {
      throw GitHubSteps.branchProtectionFailed(execution, outcome);
    }
    execution.setVariable(BRANCH_PROTECTION_SUMMARY, outcome.detail());
  }
}
