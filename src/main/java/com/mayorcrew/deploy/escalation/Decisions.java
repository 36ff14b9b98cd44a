package com.mayorcrew.deploy.escalation;

import static com.mayorcrew.deploy.process.DeployVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task create listener {@code ${decisions.clear(task, 'mayor')}}: a decision task starts empty, so that an earlier
 * round's decision is neither prefilled in the form nor mistaken for this round's.
 */
@Component("decisions")
public class Decisions {

  private static final Map<String, List<String>> VARIABLES_BY_TIER = Map.of(
      "mayor", List.of(MAYOR_DECISION, MAYOR_NOTE, HUMAN_REASON),
      "humans", List.of(HUMAN_DECISION, HUMAN_NOTE, LEAVE_HOST_AS_IS),
      "fault", List.of(FAULT_DECISION));

  public void clear(DelegateTask task, String tier) {
    VARIABLES_BY_TIER.get(tier).forEach(task.getExecution()::removeVariable);
  }
}
