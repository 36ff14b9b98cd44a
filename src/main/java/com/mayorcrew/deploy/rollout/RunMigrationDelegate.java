package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.ScriptVariables.MIGRATION_CONFIGURED;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptRequests;
import com.mayorcrew.deploy.scripts.ScriptRunner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Run migration": launches the service's migration command in its container (canary-migrate.sh, docker exec
 * argv) as a tracked run and writes {@code scriptRunId}; the poll loop escalates its failure as MIGRATION_FAILED.
 * Without a migration command it starts nothing and writes {@code migrationConfigured = false}.
 */
@Component
class RunMigrationDelegate implements JavaDelegate {

  private final ScriptRunner runner;
  private final ScriptRequests requests;

  public RunMigrationDelegate(ScriptRunner runner, ScriptRequests requests) {
    this.runner = runner;
    this.requests = requests;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    ScriptRequests.Target target = ScriptSteps.target(deploy);
    boolean configured = requests.hasMigration(target.service());
    deploy.set(MIGRATION_CONFIGURED, configured);
    if (configured) {
      String step = ScriptSteps.nextStep(deploy, Script.MIGRATE);
      ScriptSteps.started(deploy, runner.start(requests.migration(target, step)));
    }
  }
}
