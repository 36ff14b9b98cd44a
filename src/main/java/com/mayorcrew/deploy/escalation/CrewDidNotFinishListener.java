package com.mayorcrew.deploy.escalation;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.Escalations;

import static com.mayorcrew.deploy.context.DeployVariables.*;

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
public class CrewDidNotFinishListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    Activity task = ((BoundaryEvent) execution.getBpmnModelElementInstance()).getAttachedTo();
    Object assignee = execution.getVariable(CREW_ASSIGNEE);
    String with = assignee == null ? "group crew" : assignee + " (group crew)";
    Escalations.record(execution, EscalationReason.CREW_DID_NOT_FINISH, task.getId(), task.getName(),
        "'" + task.getName() + "' was not finished before its deadline; it was with " + with
            + " and the deploy holds canary host " + execution.getVariable(CANARY_HOST),
        "deadline passed at " + ClockUtil.getCurrentTime().toInstant()
            + "; extend gives the task back to the crew with a fresh deadline");
  }
}
