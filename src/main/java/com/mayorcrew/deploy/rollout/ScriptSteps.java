package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptRequests;
import com.mayorcrew.deploy.scripts.ScriptRun;

import static com.mayorcrew.deploy.context.DeployVariables.CANARY_HOST;
import static com.mayorcrew.deploy.context.DeployVariables.DOCKER_ACCESS;
import static com.mayorcrew.deploy.context.DeployVariables.SERVICE;
import static com.mayorcrew.deploy.context.ScriptVariables.*;

import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/** What the start delegates share: the deploy's target and the numbering and recording of runs. */
public final class ScriptSteps {

  private ScriptSteps() {}

  public static ScriptRequests.Target target(DelegateExecution execution) {
    return new ScriptRequests.Target(execution.getProcessBusinessKey(), (String) execution.getVariable(CANARY_HOST),
        (String) execution.getVariable(SERVICE), (String) execution.getVariable(DOCKER_ACCESS));
  }

  /**
   * The next step name, e.g. {@code 03-deploy}. A job retry rolls the counter back with its transaction and gets
   * the same step, hence the same run; entering the activity again (a mayor's retry) gets a new one.
   */
  public static String nextStep(DelegateExecution execution, Script script) {
    Integer count = (Integer) execution.getVariable(SCRIPT_RUN_COUNT);
    int next = count == null ? 1 : count + 1;
    execution.setVariable(SCRIPT_RUN_COUNT, next);
    return String.format(Locale.ROOT, "%02d-%s", next, script.name().toLowerCase(Locale.ROOT));
  }

  public static void started(DelegateExecution execution, ScriptRun run) {
    execution.setVariable(SCRIPT_RUN_ID, run.id());
    execution.setVariable(SCRIPT_VERDICT, VERDICT_RUNNING);
    execution.setVariable(SCRIPT_STEP_ID, execution.getCurrentActivityId());
    execution.setVariable(SCRIPT_STEP_NAME, execution.getCurrentActivityName());
  }
}
