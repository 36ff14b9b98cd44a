package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployContext;
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
class ForwardToHumansDelegate implements JavaDelegate {

  /** Input parameter: {@code mayor} or {@code deadline}. */
  static final String VIA = "via";

  private final HistoryService historyService;

  public ForwardToHumansDelegate(HistoryService historyService) {
    this.historyService = historyService;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DeployContext deploy = DeployContext.of(execution);
    String forwardedBy = (String) execution.getVariableLocal(VIA);
    deploy.set(FORWARDED_BY, forwardedBy);
    if ("deadline".equals(forwardedBy)) {
      deploy.set(HUMAN_REASON, HumanTierReason.MAYOR_DEADLINE_PASSED.name());
    }
    // "forward" is refused without a reason when the mayor completes the task (DecisionTaskRules).
    HumanTierReason reason = HumanTierReason.valueOf(deploy.text(HUMAN_REASON));
    deploy.appendToEscalationLog("forwarded to the humans by " + forwardedBy + ": " + reason.text());
    deploy.set(DEPLOY_HISTORY, historySoFar(execution.getProcessInstanceId()));
  }

  private String historySoFar(String processInstanceId) {
    String history = historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
        .filter(activity -> activity.getActivityName() != null)
        .map(ForwardToHumansDelegate::line)
        .collect(Collectors.joining("\n"));
    return DeployContext.keepTail(history);
  }

  private static String line(HistoricActivityInstance activity) {
    String who = activity.getAssignee() == null ? "" : " by " + activity.getAssignee();
    String state = activity.getEndTime() == null ? "running" : activity.isCanceled() ? "cancelled" : "done";
    return activity.getStartTime().toInstant() + "  " + activity.getActivityName() + " (" + state + who + ")";
  }
}
