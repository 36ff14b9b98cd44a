package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.CONTAINER_ID;
import static com.mayorcrew.deploy.context.DeployVariables.CONTAINER_NAME;
import static com.mayorcrew.deploy.context.DeployVariables.PREVIOUS_IMAGE;
import static com.mayorcrew.deploy.context.ScriptVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mayorcrew.deploy.context.BpmnErrors;
import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.scripts.Script;
import com.mayorcrew.deploy.scripts.ScriptOutcome;
import com.mayorcrew.deploy.scripts.ScriptRun;
import com.mayorcrew.deploy.scripts.ScriptRunner;
import com.mayorcrew.deploy.scripts.ScriptStatus;
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
class PollScriptDelegate implements JavaDelegate {

  private final ScriptRunner runner;
  private final ObjectMapper json = new ObjectMapper();

  public PollScriptDelegate(ScriptRunner runner) {
    this.runner = runner;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    ScriptStatus status = runner.poll(ScriptRun.parse(deploy.text(SCRIPT_RUN_ID)));
    deploy.set(SCRIPT_LOG_PATH, status.logPath().toString());
    if (!status.finished()) {
      deploy.set(SCRIPT_VERDICT, VERDICT_RUNNING);
      return;
    }
    deploy.set(SCRIPT_OUTPUT_TAIL, status.tail());
    deploy.set(SCRIPT_EXIT_CODE, status.exitCode());
    deploy.set(SCRIPT_RESULT, asJson(status));
    if (status.outcome() == ScriptOutcome.OK) {
      deploy.set(SCRIPT_VERDICT, VERDICT_SUCCEEDED);
      recordContainer(deploy, status);
      return;
    }
    deploy.set(SCRIPT_VERDICT, VERDICT_FAILED);
    throw failure(deploy, status);
  }

  /** The model's own health verification and the deploy metadata read these, as in execution mode docker. */
  private static void recordContainer(DeployContext deploy, ScriptStatus status) {
    if (status.script() != Script.DEPLOY && status.script() != Script.ROLLBACK) {
      return;
    }
    deploy.set(CONTAINER_ID, status.result().getOrDefault("container_id", ""));
    deploy.set(CONTAINER_NAME, status.result().getOrDefault("container", ""));
    if (status.script() == Script.DEPLOY) {
      deploy.set(PREVIOUS_IMAGE, status.result().getOrDefault("previous_image", ""));
    }
  }

  private static BpmnError failure(DeployContext deploy, ScriptStatus status) {
    String detail = status.script().fileName() + " " + describe(status)
        + (status.message().isEmpty() ? "" : ": " + status.message()) + " (log: " + status.logPath() + ")";
    ScriptFailure failure = ScriptFailure.of(status.script(), status.outcome(), status.reason());
    if (failure.healthFailed()) {
      return new BpmnError(BpmnErrors.HEALTH_FAILED, detail);
    }
    deploy.recordEscalation(failure.reason(), deploy.text(SCRIPT_STEP_ID), deploy.text(SCRIPT_STEP_NAME), detail,
        status.tail());
    return new BpmnError(BpmnErrors.ESCALATE, failure.reason().name() + ": " + detail);
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
