package com.mayorcrew.deploy.escalation;
import com.mayorcrew.deploy.context.Escalations;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.springframework.stereotype.Component;

/**
 * "Forward to the humans": records who forwarded (the mayor, or the deadline by itself) and why, and gives the
 * humans the deploy's history so far. The activity's input parameter {@value #VIA} says which path it is.
 */
@Component
public class ForwardToHumansDelegate implements JavaDelegate {

  /** Input parameter: {@code mayor} or {@code deadline}. */
  static final String VIA = "via";

  private final HistoryService historyService;

  public ForwardToHumansDelegate(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String forwardedBy = (String) execution.getVariableLocal(VIA);
    execution.setVariable(FORWARDED_BY, forwardedBy);
    if ("deadline".equals(forwardedBy)) {
      execution.setVariable(HUMAN_REASON, HumanTierReason.MAYOR_DEADLINE_PASSED.name());
    }
    HumanTierReason reason = HumanTierReason.valueOf((String) execution.getVariable(HUMAN_REASON));
    String entry = "forwarded to the humans by " + forwardedBy + ": " + reason.text();
    String log = (String) execution.getVariable(ESCALATION_LOG);
    execution.setVariable(ESCALATION_LOG, Escalations.keepTail(log == null || log.isEmpty() ? entry : log + "\n" + entry));
    execution.setVariable(DEPLOY_HISTORY, historySoFar(execution.getProcessInstanceId()));
  }

  private String historySoFar(String processInstanceId) {
    String history = historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .filter(activity -> activity.getActivityName() != null)
        .map(ForwardToHumansDelegate::line)
        .collect(Collectors.joining("\n"));
    return Escalations.keepTail(history);
  }

  private static String line(HistoricActivityInstance activity) {
    String who = activity.getAssignee() == null ? "" : " by " + activity.getAssignee();
    String state = activity.getEndTime() == null ? "running" : activity.isCanceled() ? "cancelled" : "done";
    return activity.getStartTime().toInstant() + "  " + activity.getActivityName() + " (" + state + who + ")";
  }
}
