package com.mayorcrew.deploy.prechecks;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.config.SecretStore;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Check required secrets": presence only; values are never read into the process. */
@Component
class CheckRequiredSecretsDelegate implements JavaDelegate {

  private final DeployProperties properties;
  private final SecretStore secrets;

  public CheckRequiredSecretsDelegate(DeployProperties properties, SecretStore secrets) {
    this.properties = properties;
    this.secrets = secrets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    List<String> missing = RequiredSecrets.missing(properties.service(service, deploy.environment()), secrets);
    if (!missing.isEmpty()) {
      throw deploy.escalate(EscalationReason.SECRETS_MISSING,
          "service '" + service + "' needs secrets that are not set: " + String.join(", ", missing),
          "Set them in the application's environment or configuration; they are read when used.");
    }
  }
}
