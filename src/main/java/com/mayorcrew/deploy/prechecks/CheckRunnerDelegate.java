package com.mayorcrew.deploy.prechecks;
import com.mayorcrew.deploy.context.GitHubSteps;
import com.mayorcrew.deploy.github.GitHubProperties;

import static com.mayorcrew.deploy.context.GitHubVariables.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check runner": an online self-hosted runner carries the request's runnerLabel. */
@Component
public class CheckRunnerDelegate implements JavaDelegate {

  private final RunnerCheck check;
  private final GitHubProperties properties;

  public CheckRunnerDelegate(RunnerCheck check, GitHubProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String service = (String) execution.getVariable(SERVICE);
    if (properties.service(service).isEmpty()) {
      return;
    }
    String label = (String) execution.getVariable(RUNNER_LABEL);
    CheckOutcome outcome = GitHubSteps.call(execution,
        () -> check.check(service, label == null ? List.of() : List.of(label)));
    if (!outcome.passed()) {
      throw Escalations.raise(execution, EscalationReason.RUNNER_OFFLINE, outcome.detail(), outcome.evidence());
    }
    execution.setVariable(RUNNER_SUMMARY, outcome.detail());
  }
}
