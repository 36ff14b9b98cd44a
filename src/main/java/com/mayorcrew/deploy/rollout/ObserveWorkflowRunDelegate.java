package com.mayorcrew.deploy.rollout;
import com.mayorcrew.deploy.context.GitHubSteps;
import com.mayorcrew.deploy.github.GitHubProperties;

import static com.mayorcrew.deploy.context.GitHubVariables.*;
import static com.mayorcrew.deploy.context.DeployVariables.*;

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
    String service = (String) execution.getVariable(SERVICE);
    GitHubProperties.Service config = properties.requireService(service);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Date deadline = (Date) execution.getVariable(WORKFLOW_RUN_DEADLINE);
    if (deadline == null) {
      deadline = Date.from(now.plus(config.runTimeout()));
      execution.setVariable(WORKFLOW_RUN_DEADLINE, deadline);
    }
    execution.setVariable(WORKFLOW_RUN_POLL_INTERVAL, config.runPollInterval().toString());

    Number knownRunId = (Number) execution.getVariable(WORKFLOW_RUN_ID);
    Long runId = knownRunId == null ? null : knownRunId.longValue();
    if (runId == null) {
      Optional<WorkflowRunRef> found = GitHubSteps.call(execution, () -> dispatcher.findDispatchedRun(service,
          (String) execution.getVariable(WORKFLOW_REF), (String) execution.getVariable(WORKFLOW_HEAD_SHA),
          ((Date) execution.getVariable(WORKFLOW_DISPATCHED_AT)).toInstant()));
      if (found.isPresent()) {
        runId = found.get().id();
        execution.setVariable(WORKFLOW_RUN_ID, runId);
        execution.setVariable(WORKFLOW_RUN_URL, found.get().htmlUrl());
      }
    }
    Optional<WorkflowRunObservation> observation = Optional.empty();
    if (runId != null) {
      long id = runId;
      observation = Optional.of(GitHubSteps.call(execution, () -> tracker.observe(service, id)));
      execution.setVariable(WORKFLOW_RUN_STATUS, observation.get().status());
      execution.setVariable(WORKFLOW_RUN_CONCLUSION, observation.get().conclusion());
      execution.setVariable(WORKFLOW_RUN_URL, observation.get().htmlUrl());
    } else {
      execution.setVariable(WORKFLOW_RUN_STATUS, "not found yet");
    }
    WorkflowRunJudgement judgement = WorkflowRunJudgement.judge(observation, now, deadline.toInstant(),
        config.runTimeout(), config.workflow());
    execution.setVariable(WORKFLOW_RUN_VERDICT, judgement.verdictName());
    execution.setVariable(WORKFLOW_RUN_FAILURE, judgement.failure());
  }
}
