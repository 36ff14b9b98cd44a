package com.mayorcrew.deploy.context;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * Raises a business failure to the mayor: records reason, failing step, detail and evidence as variables (the
 * escalation task's form shows them) and returns the BPMN error that routes the token to that task.
 */
public final class Escalations {

  /** The error code every escalation boundary event of the model catches. */
  public static final String ERROR_CODE = "ESCALATE";
  // String variables are stored in a 4000-character column; the newest part matters most.
  private static final int MAX_TEXT = 4000;

  private Escalations() {}

  public static BpmnError raise(DelegateExecution execution, EscalationReason reason, String detail, String evidence) {
    record(execution, reason, execution.getCurrentActivityId(), execution.getCurrentActivityName(), detail, evidence);
    return new BpmnError(ERROR_CODE, reason.name() + ": " + detail);
  }

  /** Records an escalation raised on behalf of another step (e.g. a failed smoke test, decided by a gateway). */
  public static void record(DelegateExecution execution, EscalationReason reason, String stepId, String stepName,
      String detail, String evidence) {
    execution.setVariable(ESCALATION_REASON, reason.name());
    execution.setVariable(ESCALATION_REASON_TEXT, reason.text());
    execution.setVariable(ESCALATION_STEP, stepId);
    execution.setVariable(ESCALATION_STEP_NAME, stepName);
    execution.setVariable(ESCALATION_DETAIL, detail);
    execution.setVariable(ESCALATION_EVIDENCE, keepTail(evidence == null ? "" : evidence));
    String log = (String) execution.getVariable(ESCALATION_LOG);
    String entry = DateTimeFormatter.ISO_INSTANT.format(ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC))
        + " " + reason.name() + " at " + stepName + ": " + detail;
    execution.setVariable(ESCALATION_LOG, keepTail(log == null || log.isEmpty() ? entry : log + "\n" + entry));
  }

  public static String keepTail(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(text.length() - MAX_TEXT);
  }
}
