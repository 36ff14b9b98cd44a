package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.util.Map;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * A job of a deploy ran out of retries: besides the incident in Cockpit, the mayor gets a task (the model's
 * "Technical fault" event subprocess), so that a person sees it either way.
 */
class TechnicalFaultIncidentHandler extends DefaultIncidentHandler {

  /** The message that starts the model's "Technical fault" event subprocess. */
  public static final String TECHNICAL_FAULT = "TechnicalFault";
  private static final int MAX_MESSAGE = 3000;

  public TechnicalFaultIncidentHandler() {
    super(Incident.FAILED_JOB_HANDLER_TYPE);
  }

  @Override
  public Incident handleIncident(IncidentContext context, String message) {
    Incident incident = super.handleIncident(context, message);
    ExecutionEntity execution = context.getExecutionId() == null ? null
        : Context.getCommandContext().getExecutionManager().findExecutionById(context.getExecutionId());
    if (execution != null && PROCESS_KEY.equals(execution.getProcessDefinition().getKey())) {
      String detail = message == null ? "(no message)" : message;
      Context.getProcessEngineConfiguration().getRuntimeService().createMessageCorrelation(TECHNICAL_FAULT)
          .processInstanceId(execution.getProcessInstanceId())
          .setVariables(Map.of(FAULT_STEP, execution.getActivityId() == null ? context.getActivityId()
                  : execution.getActivityId(),
              FAULT_MESSAGE, detail.length() <= MAX_MESSAGE ? detail : detail.substring(0, MAX_MESSAGE),
              FAULT_JOB_ID, context.getConfiguration()))
          .correlateAll();
    }
    return incident;
  }
}
