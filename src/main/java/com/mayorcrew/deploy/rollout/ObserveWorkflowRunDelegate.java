package com.mayorcrew.deploy.rollout;

import static com.mayorcrew.deploy.context.DeployVariables.*;
import static com.mayorcrew.deploy.context.GitHubVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.github.GitHubProperties;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * "Observe workflow run": one observation per job, never a wait. Finds the dispatched run first when the
 * dispatch did not return it; the model's timer loop ({@code workflowRunPollInterval}) calls again while the
 * verdict is running. The deadline is fixed at the first observation, in engine time.
 */
@Component
public class ObserveWorkflowRunDelegate implements JavaDelegate {

  private final WorkflowDispatcher dispatcher;
  private final WorkflowRunTracker tracker;
  private final GitHubProperties properties;

  public ObserveWorkflowRunDelegate(WorkflowDispatcher dispatcher, WorkflowRunTracker tracker,
      GitHubProperties properties) {
    this.dispatcher = dispatcher;
    this.tracker = tracker;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String service = deploy.service();
    GitHubProperties.Service config = properties.requireService(service);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Date deadline = deploy.get(WORKFLOW_RUN_DEADLINE, Date.class).orElse(null);
    if (deadline == null) {
      deadline = Date.from(now.plus(config.runTimeout()));
      deploy.set(WORKFLOW_RUN_DEADLINE, deadline);
    }
    deploy.set(WORKFLOW_RUN_POLL_INTERVAL, config.runPollInterval().toString());

    Long runId = deploy.get(WORKFLOW_RUN_ID, Number.class).map(Number::longValue).orElse(null);
    if (runId == null) {
      Optional<WorkflowRunRef> found = deploy.onGitHub(() -> dispatcher.findDispatchedRun(service,
          deploy.text(WORKFLOW_REF), deploy.text(WORKFLOW_HEAD_SHA),
          deploy.get(WORKFLOW_DISPATCHED_AT, Date.class).orElseThrow().toInstant()));
      if (found.isPresent()) {
        runId = found.get().id();
        deploy.set(WORKFLOW_RUN_ID, runId);
        deploy.set(WORKFLOW_RUN_URL, found.get().htmlUrl());
      }
    }
    Optional<WorkflowRunObservation> observation = Optional.empty();
    if (runId != null) {
      long id = runId;
      observation = Optional.of(deploy.onGitHub(() -> tracker.observe(service, id)));
      deploy.set(WORKFLOW_RUN_STATUS, observation.get().status());
      deploy.set(WORKFLOW_RUN_CONCLUSION, observation.get().conclusion());
      deploy.set(WORKFLOW_RUN_URL, observation.get().htmlUrl());
    } else {
      deploy.set(WORKFLOW_RUN_STATUS, "not found yet");
    }
    WorkflowRunJudgement judgement = WorkflowRunJudgement.judge(observation, now, deadline.toInstant(),
        config.runTimeout(), config.workflow());
    deploy.set(WORKFLOW_RUN_VERDICT, judgement.verdictName());
    deploy.set(WORKFLOW_RUN_FAILURE, judgement.failure());
  }
}
