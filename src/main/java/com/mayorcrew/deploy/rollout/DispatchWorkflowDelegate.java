package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.github.GitHubProperties;
import com.mayorcrew.deploy.github.WorkflowTemplates;
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
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    GitHubProperties.Service config = properties.requireService(service);
    Map<String, String> values = templateValues(deploy);
    String ref = WorkflowTemplates.render(config.workflowRef(), values);
    Map<String, String> inputs = new LinkedHashMap<>();
    config.workflowInputs().forEach((input, template) -> inputs.put(input, WorkflowTemplates.render(template,
        values)));

    int attempt = deploy.get(WORKFLOW_DISPATCHES, Number.class).map(Number::intValue).orElse(0) + 1;
    String dispatchId = deploy.deployId() + "#" + attempt;
    Instant requestedAt = deploy.requestedAt();

    WorkflowDispatch dispatch = deploy.onGitHub(
        () -> dispatcher.dispatchOnce(service, ref, inputs, dispatchId, requestedAt));
    deploy.set(WORKFLOW_DISPATCHES, attempt);
    deploy.set(WORKFLOW_DISPATCH_ID, dispatchId);
    deploy.set(WORKFLOW_RUN_ID, dispatch.runId());
    deploy.set(WORKFLOW_RUN_URL, dispatch.htmlUrl());
    deploy.set(WORKFLOW_DISPATCHED_AT, Date.from(dispatch.dispatchedAt()));
    deploy.set(WORKFLOW_REF, dispatch.ref());
    deploy.set(WORKFLOW_HEAD_SHA, dispatch.headSha());
    deploy.set(WORKFLOW_RUN_DEADLINE, null);
    deploy.set(WORKFLOW_RUN_STATUS, null);
    deploy.set(WORKFLOW_RUN_CONCLUSION, null);
    deploy.set(WORKFLOW_RUN_VERDICT, null);
    deploy.set(WORKFLOW_RUN_FAILURE, null);
  }

  /** Placeholder -> value, from the request and the resolved refs. */
  private static Map<String, String> templateValues(DeployContext deploy) {
    Map<String, String> values = new HashMap<>();
    values.put("ref", deploy.text(GASTOWN_REF));
    values.put("sha", deploy.text(GASTOWN_SHA));
    values.put("gtruntimeRef", deploy.text(GTRUNTIME_REF));
    values.put("gtruntimeSha", deploy.text(GTRUNTIME_SHA));
    values.put("branch", deploy.text(BRANCH));
    values.put("host", deploy.text(CANARY_HOST));
    values.put("service", deploy.text(SERVICE));
    values.put("environment", deploy.text(ENVIRONMENT));
    values.put("deployId", deploy.text(DEPLOY_ID));
    values.put("runnerLabel", deploy.text(RUNNER_LABEL));
    return values;
  }

}
