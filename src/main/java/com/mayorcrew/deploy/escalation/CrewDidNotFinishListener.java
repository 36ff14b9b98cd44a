package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
import com.mayorcrew.deploy.context.EscalationReason;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.springframework.stereotype.Component;

/**
 * Start listener of a crew task's deadline timer ("Crew deadline"): the task was left open past its deadline while
 * the deploy holds the canary host. Records the escalation {@code CREW_DID_NOT_FINISH} for the mayor, naming the
 * task (the timer's own task, read from the model) and whom it was with; the model routes to "Resolve escalation".
 */
@Component("crewDidNotFinishListener")
class CrewDidNotFinishListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    Activity task = ((BoundaryEvent) execution.getBpmnModelElementInstance()).getAttachedTo();
    String with = deploy.crewAssignee().map(assignee -> assignee + " (group crew)").orElse("group crew");
    deploy.recordEscalation(EscalationReason.CREW_DID_NOT_FINISH, task.getId(), task.getName(),
        "'" + task.getName() + "' was not finished before its deadline; it was with " + with
            + " and the deploy holds canary host " + deploy.canaryHost(),
        "deadline passed at " + ClockUtil.getCurrentTime().toInstant()
            + "; extend gives the task back to the crew with a fresh deadline");
  }
}
