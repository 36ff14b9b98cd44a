package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.config.DeployProperties;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.docker.ImageReferences;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptRequests;
import com.mayorcrew.deploy.scripts.ScriptRunner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Start deploy script": launches canary-deploy.sh for the deploy's image and writes {@code scriptRunId}. */
@Component
class StartDeployScriptDelegate implements JavaDelegate {

  private final ScriptRunner runner;
  private final ScriptRequests requests;
  private final DeployProperties properties;

  public StartDeployScriptDelegate(ScriptRunner runner, ScriptRequests requests, DeployProperties properties) {
    this.runner = runner;
    this.requests = requests;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    ScriptRequests.Target target = ScriptSteps.target(deploy);
    String image = ImageReferences.forDeploy(properties.service(target.service()),
        deploy.requestedImage().orElse(null), deploy.pinnedCommit());
    deploy.set(DEPLOY_IMAGE, image);
    String step = ScriptSteps.nextStep(deploy, Script.DEPLOY);
    ScriptSteps.started(deploy, runner.start(requests.deploy(target, step, image)));
  }
}
