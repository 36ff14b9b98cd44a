package com.mayorcrew.deploy.prechecks;
import com.mayorcrew.deploy.context.GitHubSteps;
import com.mayorcrew.deploy.github.GitHubProperties;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check GitHub secrets": the secrets the workflow needs exist on GitHub (by name; values are never read). */
@Component
public class CheckGitHubSecretsDelegate implements JavaDelegate {

  private final GitHubSecretsCheck check;
  private final GitHubProperties properties;

  public CheckGitHubSecretsDelegate(GitHubSecretsCheck check, GitHubProperties properties) {
    this.check = check;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String service = (String) execution.getVariable(SERVICE);
    if (properties.service(service).isEmpty()) {
      return;
    }
    MissingSecrets missing = GitHubSteps.call(execution, () -> check.check(service));
    if (!missing.none()) {
      throw Escalations.raise(execution, EscalationReason.SECRETS_MISSING,
          "the workflow of service '" + service + "' needs GitHub secrets that are not set: "
              + String.join(", ", missing.names()),
          "Searched: " + missing.searched() + ". Add them under the repository's (or environment's) "
              + "Settings > Secrets and variables > Actions.");
    }
  }
}
