package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.ScriptVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptRequests;
import com.mayorcrew.deploy.scripts.ScriptRun;
import java.util.Locale;

/** What the start delegates share: the deploy's target and the numbering and recording of runs. */
public final class ScriptSteps {

  private ScriptSteps() {}

  public static ScriptRequests.Target target(DeployContext deploy) {
    return new ScriptRequests.Target(deploy.deployId(), deploy.canaryHost(),
        deploy.service(), deploy.environment(), deploy.dockerAccess().value());
  }

  /**
   * The next step name, e.g. {@code 03-deploy}. A job retry rolls the counter back with its transaction and gets
   * the same step, hence the same run; entering the activity again (a mayor's retry) gets a new one.
   */
  public static String nextStep(DeployContext deploy, Script script) {
    int next = deploy.get(SCRIPT_RUN_COUNT, Integer.class).orElse(0) + 1;
    deploy.set(SCRIPT_RUN_COUNT, next);
    return String.format(Locale.ROOT, "%02d-%s", next, script.name().toLowerCase(Locale.ROOT));
  }

  public static void started(DeployContext deploy, ScriptRun run) {
    deploy.set(SCRIPT_RUN_ID, run.id());
    deploy.set(SCRIPT_VERDICT, VERDICT_RUNNING);
    deploy.set(SCRIPT_STEP_ID, deploy.currentStepId());
    deploy.set(SCRIPT_STEP_NAME, deploy.currentStepName());
  }
}
