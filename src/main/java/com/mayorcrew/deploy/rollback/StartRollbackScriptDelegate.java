package com.mayorcrew.deploy.rollback;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.rollout.ScriptSteps;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptRequests;
import com.mayorcrew.deploy.scripts.ScriptRunner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Start rollback script": launches canary-rollback.sh for the service's container, writes {@code scriptRunId}. */
@Component
class StartRollbackScriptDelegate implements JavaDelegate {

  private final ScriptRunner runner;
  private final ScriptRequests requests;

  public StartRollbackScriptDelegate(ScriptRunner runner, ScriptRequests requests) {
    this.runner = runner;
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    ScriptRequests.Target target = ScriptSteps.target(deploy);
    String step = ScriptSteps.nextStep(deploy, Script.ROLLBACK);
    ScriptSteps.started(deploy, runner.start(requests.rollback(target, step)));
  }
}
