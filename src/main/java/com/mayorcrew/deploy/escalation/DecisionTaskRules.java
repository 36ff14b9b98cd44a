package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.context.DeployVariables.*;

import com.mayorcrew.deploy.context.DeployRequestRejectedException;
import com.mayorcrew.deploy.context.EscalationReason;
import com.mayorcrew.deploy.context.FieldViolation;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listeners of the decision tasks. Create: {@code ${decisions.clear(task, 'mayor')}}: a decision task starts
 * empty, so that an earlier round's decision is neither prefilled in the form nor mistaken for this round's.
 * Complete: {@code ${decisions.checkMayorDecision(task)}}: the mayor's decision must fit the escalation.
 * <p>Public: the model calls its methods by expression, which needs a public class.
 */
@Component("decisions")
public class DecisionTaskRules {

  private static final Map<String, List<String>> VARIABLES_BY_TIER = Map.of(
      "mayor", List.of(MAYOR_DECISION, MAYOR_NOTE, HUMAN_REASON),
      "humans", List.of(HUMAN_DECISION, HUMAN_NOTE, LEAVE_HOST_AS_IS),
      "fault", List.of(FAULT_DECISION));

  public void clear(DelegateTask task, String tier) {
    VARIABLES_BY_TIER.get(tier).forEach(task.getExecution()::removeVariable);
  }

  /**
   * "extend" gives a crew task back and so answers only {@code CREW_DID_NOT_FINISH}; "forward" needs the reason
   * the humans are asked. Anything else is refused and the task stays open.
   */
  public void checkMayorDecision(DelegateTask task) {
    Object decision = task.getVariable(MAYOR_DECISION);
    Object reason = task.getVariable(ESCALATION_REASON);
    if ("extend".equals(decision) && !EscalationReason.CREW_DID_NOT_FINISH.name().equals(reason)) {
      throw refused(MAYOR_DECISION, "'extend' gives a crew task back and answers only "
          + EscalationReason.CREW_DID_NOT_FINISH + ", not " + reason);
    }
    if ("forward".equals(decision) && !(task.getVariable(HUMAN_REASON) instanceof String humanReason
        && java.util.Arrays.stream(HumanTierReason.values()).anyMatch(known -> known.name().equals(humanReason)))) {
      throw refused(HUMAN_REASON, "forwarding to the humans needs one of "
          + java.util.Arrays.toString(HumanTierReason.values()));
    }
  }

  /** A 400 naming the field, like any other form rule; the task stays open. */
  private static DeployRequestRejectedException refused(String field, String rule) {
    return new DeployRequestRejectedException("Decision", List.of(new FieldViolation(field, rule)));
  }
}
