package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check GitHub secrets": the secrets the workflow needs exist on GitHub (by name; values are never read). */
@Component
public class CheckGitHubSecretsDelegate implements JavaDelegate {

  private final GitHubSecretsCheck check;

  public CheckGitHubSecretsDelegate(GitHubSecretsCheck check) {
    this.check = check;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    MissingSecrets missing = deploy.onGitHub(() -> check.check(service));
    if (!missing.none()) {
      throw deploy.escalate(EscalationReason.SECRETS_MISSING,
          "the workflow of service '" + service + "' needs GitHub secrets that are not set: "
              + String.join(", ", missing.names()),
          "Searched: " + missing.searched() + ". Add them under the repository's (or environment's) "
              + "Settings > Secrets and variables > Actions.");
    }
  }
}
