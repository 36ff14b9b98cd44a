package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check runner": an online self-hosted runner carries the request's runnerLabel. */
@Component
public class CheckRunnerDelegate implements JavaDelegate {

  private final RunnerCheck check;

  public CheckRunnerDelegate(RunnerCheck check) {
    this.check = check;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    CheckOutcome outcome = deploy.onGitHub(
        () -> check.check(service, deploy.runnerLabel().map(List::of).orElse(List.of())));
    if (!outcome.passed()) {
      throw deploy.escalate(EscalationReason.RUNNER_OFFLINE, outcome.detail(), outcome.evidence());
    }
    deploy.set(RUNNER_SUMMARY, outcome.detail());
  }
}
