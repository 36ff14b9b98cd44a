package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptOutcome;
import com.mayorcrew.deploy.scripts.ScriptRun;
import com.mayorcrew.deploy.scripts.ScriptRunner;
import com.mayorcrew.deploy.scripts.ScriptStatus;

import static com.mayorcrew.deploy.context.DeployVariables.CONTAINER_ID;
import static com.mayorcrew.deploy.context.DeployVariables.CONTAINER_NAME;
import static com.mayorcrew.deploy.context.DeployVariables.PREVIOUS_IMAGE;
import static com.mayorcrew.deploy.context.ScriptVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.context.Escalations;
import java.io.UncheckedIOException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Poll script": one look at the current run ({@code scriptRunId}), never a wait. Writes {@code scriptVerdict}
 * (running, succeeded, failed), {@code scriptLogPath} and, once finished, {@code scriptOutputTail},
 * {@code scriptExitCode} and {@code scriptResult}. A failure throws the BPMN error HEALTH_FAILED (deploy health:
 * the model rolls back) or escalates to the mayor as the step that started the run, so a retry starts it anew.
 */
@Component
public class PollScriptDelegate implements JavaDelegate {

  private final ScriptRunner runner;
  private final ObjectMapper json = new ObjectMapper();

  public PollScriptDelegate(ScriptRunner runner) {
    this.runner = runner;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ScriptStatus status = runner.poll(ScriptRun.parse((String) execution.getVariable(SCRIPT_RUN_ID)));
    execution.setVariable(SCRIPT_LOG_PATH, status.logPath().toString());
    if (!status.finished()) {
      execution.setVariable(SCRIPT_VERDICT, VERDICT_RUNNING);
      return;
    }
    execution.setVariable(SCRIPT_OUTPUT_TAIL, status.tail());
    execution.setVariable(SCRIPT_EXIT_CODE, status.exitCode());
    execution.setVariable(SCRIPT_RESULT, asJson(status));
    if (status.outcome() == ScriptOutcome.OK) {
      execution.setVariable(SCRIPT_VERDICT, VERDICT_SUCCEEDED);
      recordContainer(execution, status);
      return;
    }
    execution.setVariable(SCRIPT_VERDICT, VERDICT_FAILED);
    throw failure(execution, status);
  }

  /** The model's own health verification and the deploy metadata read these, as in execution mode docker. */
  private static void recordContainer(DelegateExecution execution, ScriptStatus status) {
    if (status.script() != Script.DEPLOY && status.script() != Script.ROLLBACK) {
      return;
    }
    execution.setVariable(CONTAINER_ID, status.result().getOrDefault("container_id", ""));
    execution.setVariable(CONTAINER_NAME, status.result().getOrDefault("container", ""));
    if (status.script() == Script.DEPLOY) {
      execution.setVariable(PREVIOUS_IMAGE, status.result().getOrDefault("previous_image", ""));
    }
  }

  private static BpmnError failure(DelegateExecution execution, ScriptStatus status) {
    String detail = status.script().fileName() + " " + describe(status)
        + (status.message().isEmpty() ? "" : ": " + status.message()) + " (log: " + status.logPath() + ")";
    ScriptFailure failure = ScriptFailure.of(status.script(), status.outcome(), status.reason());
    if (failure.healthFailed()) {
      return new BpmnError(HEALTH_FAILED_ERROR, detail);
    }
    Escalations.record(execution, failure.reason(), (String) execution.getVariable(SCRIPT_STEP_ID),
        (String) execution.getVariable(SCRIPT_STEP_NAME), detail, status.tail());
    return new BpmnError(Escalations.ERROR_CODE, failure.reason().name() + ": " + detail);
  }

  private static String describe(ScriptStatus status) {
    return status.outcome() == ScriptOutcome.TIMED_OUT ? "timed out and was killed"
        : status.exitCode() == null ? "ended without an exit code"
        : "exited " + status.exitCode() + " (" + status.outcome().name().toLowerCase() + ")";
  }

  private String asJson(ScriptStatus status) {
    try {
      return json.writeValueAsString(status.result());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
