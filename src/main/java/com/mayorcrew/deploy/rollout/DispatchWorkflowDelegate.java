package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.context.GitHubSteps;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.WorkflowTemplates;

import static com.mayorcrew.deploy.context.GitHubVariables.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Dispatch workflow": starts the service's workflow on its configured ref with the configured inputs, once per
 * attempt, and forgets any earlier run's observation so that a new attempt is followed afresh. An attempt ends when
 * this step completes: re-runs of the step (job retries, a crash, the mayor retrying a failed job) are the same
 * attempt and find its run; reaching the step again later (the mayor's retry after a failed run) is a new one.
 */
@Component
public class DispatchWorkflowDelegate implements JavaDelegate {

  private final WorkflowDispatcher dispatcher;
  private final GitHubProperties properties;

  public DispatchWorkflowDelegate(WorkflowDispatcher dispatcher, GitHubProperties properties) {
    this.dispatcher = dispatcher;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String service = (String) execution.getVariable(SERVICE);
    GitHubProperties.Service config = properties.requireService(service);
    Map<String, String> values = templateValues(execution);
    String ref = WorkflowTemplates.render(config.workflowRef(), values);
    Map<String, String> inputs = new LinkedHashMap<>();
    config.workflowInputs().forEach((input, template) -> inputs.put(input, WorkflowTemplates.render(template,
        values)));

    Number dispatches = (Number) execution.getVariable(WORKFLOW_DISPATCHES);
    int attempt = (dispatches == null ? 0 : dispatches.intValue()) + 1;
    String dispatchId = execution.getVariable(DEPLOY_ID) + "#" + attempt;
    Instant requestedAt = ((Date) execution.getVariable(REQUESTED_AT)).toInstant();

    WorkflowDispatch dispatch = GitHubSteps.call(execution,
        () -> dispatcher.dispatchOnce(service, ref, inputs, dispatchId, requestedAt));
    execution.setVariable(WORKFLOW_DISPATCHES, attempt);
    execution.setVariable(WORKFLOW_DISPATCH_ID, dispatchId);
    execution.setVariable(WORKFLOW_RUN_ID, dispatch.runId());
    execution.setVariable(WORKFLOW_RUN_URL, dispatch.htmlUrl());
    execution.setVariable(WORKFLOW_DISPATCHED_AT, Date.from(dispatch.dispatchedAt()));
    execution.setVariable(WORKFLOW_REF, dispatch.ref());
    execution.setVariable(WORKFLOW_HEAD_SHA, dispatch.headSha());
    execution.setVariable(WORKFLOW_RUN_DEADLINE, null);
    execution.setVariable(WORKFLOW_RUN_STATUS, null);
    execution.setVariable(WORKFLOW_RUN_CONCLUSION, null);
    execution.setVariable(WORKFLOW_RUN_VERDICT, null);
    execution.setVariable(WORKFLOW_RUN_FAILURE, null);
  }

  /** Placeholder -> value, from the request and the resolved refs. */
  static Map<String, String> templateValues(DelegateExecution execution) {
    Map<String, String> values = new HashMap<>();
    values.put("ref", text(execution, GASTOWN_REF));
    values.put("sha", text(execution, GASTOWN_SHA));
    values.put("gtruntimeRef", text(execution, GTRUNTIME_REF));
    values.put("gtruntimeSha", text(execution, GTRUNTIME_SHA));
    values.put("branch", text(execution, BRANCH));
    values.put("host", text(execution, CANARY_HOST));
    values.put("service", text(execution, SERVICE));
    values.put("environment", text(execution, ENVIRONMENT));
    values.put("deployId", text(execution, DEPLOY_ID));
    values.put("runnerLabel", text(execution, RUNNER_LABEL));
    return values;
  }

  private static String text(DelegateExecution execution, String variable) {
    Object value = execution.getVariable(variable);
    return value == null ? null : value.toString();
  }
}
